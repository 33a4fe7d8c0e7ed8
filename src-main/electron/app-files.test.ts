import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveAppFile } from './app-files';

const root = resolve('/srv/app/out/renderer');

describe('resolveAppFile', () => {
  it('serves the entry page for the origin root', () => {
    expect(resolveAppFile(root, 'app://quartermaster/')).toEqual({ path: join(root, 'index.html'), contentType: 'text/html; charset=utf-8' });
  });

  it('serves built assets with an explicit type', () => {
    expect(resolveAppFile(root, 'app://quartermaster/assets/index-abc.js?v=1#x')).toEqual({
      path: join(root, 'assets/index-abc.js'),
      contentType: 'text/javascript; charset=utf-8',
    });
    expect(resolveAppFile(root, 'app://quartermaster/assets/a%20b.css')?.path).toBe(join(root, 'assets/a b.css'));
  });

  it.each([
    ['encoded slashes', 'app://quartermaster/..%2f..%2fpackage.json'],
    ['encoded dots and slashes', 'app://quartermaster/assets/%2e%2e%2f%2e%2e%2f%2e%2e%2fetc%2fhosts.json'],
    ['backslashes', 'app://quartermaster/..%5c..%5cpackage.json'],
    ['NUL', 'app://quartermaster/index.html%00.png'],
    ['broken escapes', 'app://quartermaster/%E0%A4%A.js'],
  ])('refuses %s', (_name, url) => {
    expect(resolveAppFile(root, url)).toBeNull();
  });

  it('keeps literal dot segments inside the root (the URL parser collapses them)', () => {
    expect(resolveAppFile(root, 'app://quartermaster/../../etc/passwd.json')?.path).toBe(join(root, 'etc/passwd.json'));
  });

  it.each([
    ['another host', 'app://elsewhere/index.html'],
    ['another scheme', 'https://quartermaster/index.html'],
    ['file URLs', 'file:///etc/hosts'],
    ['credentials', 'app://user:pw@quartermaster/index.html'],
    ['unknown file types', 'app://quartermaster/app.asar'],
    ['extension-less paths', 'app://quartermaster/settings'],
    ['garbage', 'not a url'],
  ])('refuses %s', (_name, url) => {
    expect(resolveAppFile(root, url)).toBeNull();
  });
});
