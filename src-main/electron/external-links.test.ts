import { describe, expect, it, vi } from 'vitest';

// The real module would start Electron's binary download; the shell is not under test here.
vi.mock('electron', () => ({ shell: { openExternal: vi.fn(async () => undefined) } }));
const { isAllowedExternal, EXTERNAL_ORIGINS } = await import('./external-links');

describe('isAllowedExternal', () => {
  const allowed = new Set(['https://prozorro.gov.ua']);

  it('opens nothing while the allow-list is empty', () => {
    expect(EXTERNAL_ORIGINS.size).toBe(0);
    expect(isAllowedExternal('https://prozorro.gov.ua/')).toBe(false);
  });

  it('allows exactly the listed https origins', () => {
    expect(isAllowedExternal('https://prozorro.gov.ua/tender/1', allowed)).toBe(true);
  });

  it.each([
    'http://prozorro.gov.ua/',
    'https://prozorro.gov.ua.evil.example/',
    'https://evil.example/?https://prozorro.gov.ua',
    'https://user@prozorro.gov.ua/',
    'https://prozorro.gov.ua:8443/',
    'file:///etc/hosts',
    'javascript:alert(1)',
    'not a url',
  ])('refuses %s', (url) => {
    expect(isAllowedExternal(url, allowed)).toBe(false);
  });
});
