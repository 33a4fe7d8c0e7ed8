import type { ProductCategory } from '@shared/api/contract';

/** A circle as a path, so every icon is a list of paths like the app's own icons. */
function circle(cx: number, cy: number, r: number): string {
  return `M${cx} ${cy - r}a${r} ${r} 0 1 0 0 ${2 * r}a${r} ${r} 0 1 0 0 ${-2 * r}z`;
}

const quadRotors = [circle(5.5, 5.5, 2.6), circle(18.5, 5.5, 2.6), circle(5.5, 18.5, 2.6), circle(18.5, 18.5, 2.6)];

/**
 * One inline SVG icon per product category (24×24, stroked like the app's
 * icons): nothing fetched, nothing for the CSP to allow. Each is drawn to be
 * told apart at 20 px: an X-frame strike drone with its aiming ring, a boxed
 * recon quadcopter with its lens, a fixed-wing seen from above, a heavy
 * bomber side-on dropping its load, an interceptor dart, an EW mast with its
 * waves, a tracked ground robot, and a chip for components.
 */
export const categoryIcons = {
  fpv_strike: [...quadRotors, 'M7.6 7.6l8.8 8.8', 'M16.4 7.6l-8.8 8.8', circle(12, 12, 2.4)],
  recon_quadcopter: [
    ...quadRotors,
    'M9 8.5h6v7H9z',
    'M7.4 7.4L9 8.5',
    'M16.6 7.4L15 8.5',
    'M7.4 16.6L9 15.5',
    'M16.6 16.6L15 15.5',
    circle(12, 12, 1.5),
  ],
  fixed_wing_recon: [
    'M12 3c.9 0 1.3 1.2 1.3 3v11.2L12 20l-1.3-2.8V6c0-1.8.4-3 1.3-3z',
    'M2.8 12.6l8-2.4',
    'M21.2 12.6l-8-2.4',
    'M2.8 12.6v1.2l8-1',
    'M21.2 12.6v1.2l-8-1',
    'M8.6 20.4l2.2-1.2',
    'M15.4 20.4l-2.2-1.2',
  ],
  heavy_bomber: [
    'M3.5 8h17',
    'M1.8 5.8h5.4',
    'M16.8 5.8h5.4',
    'M4.5 5.8V8',
    'M19.5 5.8V8',
    'M9 8h6v3.5H9z',
    'M9.6 11.5L8 14.2',
    'M14.4 11.5l1.6 2.7',
    'M12 15.2c1.2 0 1.8 1 1.8 2.3 0 1.5-1 2.9-1.8 3.7-.8-.8-1.8-2.2-1.8-3.7 0-1.3.6-2.3 1.8-2.3z',
  ],
  interceptor: [
    'M12 2.8c2 1.8 3 4.3 3 7.5v6.4H9v-6.4c0-3.2 1-5.7 3-7.5z',
    'M9 12.5l-3.2 3.7v2l3.2-1.5',
    'M15 12.5l3.2 3.7v2L15 16.7',
    'M10.5 19.3l1.5 2 1.5-2',
    'M9.6 8.5h4.8',
  ],
  ew: [
    circle(12, 8.5, 1.6),
    'M12 10.1V20.5',
    'M8.5 20.5h7',
    'M9.8 20.5L12 13.6l2.2 6.9',
    'M8.6 5.2a4.8 4.8 0 0 0 0 6.6',
    'M15.4 5.2a4.8 4.8 0 0 1 0 6.6',
    'M5.8 2.8a8.4 8.4 0 0 0 0 11.4',
    'M18.2 2.8a8.4 8.4 0 0 1 0 11.4',
  ],
  ground_robot: [
    'M5.2 14h13.6a3 3 0 0 1 0 6H5.2a3 3 0 0 1 0-6z',
    circle(6.5, 17, 1.2),
    circle(12, 17, 1.2),
    circle(17.5, 17, 1.2),
    'M6.5 14l1.6-4h7.8l1.6 4',
    'M12 10V6.5',
    'M12 6.5h4',
  ],
  component: [
    'M7 7h10v10H7z',
    'M10 10h4v4h-4z',
    'M9.5 3.8V7',
    'M14.5 3.8V7',
    'M9.5 17v3.2',
    'M14.5 17v3.2',
    'M3.8 9.5H7',
    'M3.8 14.5H7',
    'M17 9.5h3.2',
    'M17 14.5h3.2',
  ],
} as const satisfies Record<ProductCategory, readonly string[]>;
