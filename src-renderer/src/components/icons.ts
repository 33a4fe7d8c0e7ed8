/** Inline SVG icons (24×24, stroked): no icon font, nothing fetched, nothing for the CSP to allow. */
export const icons = {
  logo: ['M12 2.8l7.5 2.9v5.6c0 4.9-3.2 8.4-7.5 9.9-4.3-1.5-7.5-5-7.5-9.9V5.7z', 'M8.6 11.8l2.4 2.4 4.4-4.6'],
  settings: ['M4 6h16', 'M4 12h16', 'M4 18h16', 'M9 4.2v3.6', 'M15 10.2v3.6', 'M7 16.2v3.6'],
  lock: ['M6.5 11h11a1.5 1.5 0 0 1 1.5 1.5v6a1.5 1.5 0 0 1-1.5 1.5h-11A1.5 1.5 0 0 1 5 18.5v-6A1.5 1.5 0 0 1 6.5 11z', 'M8 11V7.5a4 4 0 0 1 8 0V11', 'M12 15v2'],
  home: ['M4 10.5L12 4l8 6.5', 'M6 9v10.5h4.5V14h3v5.5H18V9'],
  alert: ['M12 3.5l9.5 16.5h-19z', 'M12 10v4.5', 'M12 17.2v.1'],
  language: ['M12 3a9 9 0 1 0 0 18a9 9 0 1 0 0-18z', 'M3 12h18', 'M12 3c2.8 2.6 3.9 5.8 3.9 9s-1.1 6.4-3.9 9c-2.8-2.6-3.9-5.8-3.9-9S9.2 5.6 12 3z'],
  check: ['M5 12.5l4.5 4.5L19 7.5'],
  user: ['M12 4a4 4 0 1 0 0 8a4 4 0 1 0 0-8z', 'M4.5 20c.8-3.6 3.8-6 7.5-6s6.7 2.4 7.5 6'],
  key: ['M15 4.5a4.5 4.5 0 1 0 0 9a4.5 4.5 0 1 0 0-9z', 'M11.8 12.2L4 20', 'M6.5 17.5l2.5 2.5', 'M9 15l2 2'],
  server: ['M4.5 5h15v5h-15z', 'M4.5 14h15v5h-15z', 'M8 7.5h.01', 'M8 16.5h.01'],
  logout: ['M10 4H6.5A1.5 1.5 0 0 0 5 5.5v13A1.5 1.5 0 0 0 6.5 20H10', 'M14.5 8l4 4-4 4', 'M18.5 12H9.5'],
  pending: ['M12 6.5a5.5 5.5 0 1 0 0 11a5.5 5.5 0 1 0 0-11z'],
} as const satisfies Record<string, readonly string[]>;

export type IconName = keyof typeof icons;
