import { describe, expect, it } from 'vitest';
import { isPermissionGranted } from './permissions';

describe('isPermissionGranted', () => {
  it('lets the app page show desktop notifications', () => {
    expect(isPermissionGranted('notifications', 'app://quartermaster/index.html#/orders', true)).toBe(true);
  });

  it.each([
    ['another permission', 'geolocation', 'app://quartermaster/index.html', true],
    ['the clipboard', 'clipboard-read', 'app://quartermaster/index.html', true],
    ['a subframe', 'notifications', 'app://quartermaster/index.html', false],
    ['a foreign page', 'notifications', 'https://example.com/', true],
    ['a file page', 'notifications', 'file:///etc/hosts', true],
    ['an unparsable requester', 'notifications', 'not a url', true],
  ])('refuses %s', (_name, permission, url, mainFrame) => {
    expect(isPermissionGranted(permission, url, mainFrame)).toBe(false);
  });
});
