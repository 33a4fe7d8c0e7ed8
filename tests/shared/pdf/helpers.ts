import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { signPdfIncrement } from '@shared/node/pdf';
import { signDetached } from '@shared/node/signing';
import type { Person } from '../signing/fixtures';

/** poppler-utils and NSS's certutil, as a user would run them; tests that need one skip, saying why, where it is missing. */
export const PDFSIG = '/usr/bin/pdfsig';
export const PDFTOTEXT = '/usr/bin/pdftotext';
export const CERTUTIL = '/usr/bin/certutil';

export function missing(tool: string): string | null {
  if (existsSync(tool)) return null;
  const reason = `${tool} is not installed (Debian: ${tool.endsWith('certutil') ? 'libnss3-tools' : 'poppler-utils'})`;
  console.log(`skipped: ${reason}`);
  return reason;
}

export function tempDir(): { dir: string; close(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'qm-pdf-'));
  return { dir, close: () => rmSync(dir, { recursive: true, force: true }) };
}

/** `pdftotext` of the PDF, reading order as printed. */
export function pdfText(pdf: Uint8Array): string {
  const { dir, close } = tempDir();
  try {
    writeFileSync(join(dir, 'document.pdf'), pdf);
    const result = spawnSync(PDFTOTEXT, ['-layout', join(dir, 'document.pdf'), '-'], { encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`pdftotext failed: ${result.stderr}`);
    return result.stdout;
  } finally {
    close();
  }
}

export interface PdfsigSignature {
  validation: string;
  certificate: string;
  commonName: string;
  signingTime: string;
  totalDocument: boolean;
}

/** `pdfsig` of the PDF, one entry per signature it lists. */
export function pdfsig(pdf: Uint8Array, options: { nssDir?: string } = {}): { status: number | null; output: string; signatures: PdfsigSignature[] } {
  const { dir, close } = tempDir();
  try {
    writeFileSync(join(dir, 'document.pdf'), pdf);
    const args = [...(options.nssDir ? ['-nssdir', `sql:${options.nssDir}`] : []), join(dir, 'document.pdf')];
    const result = spawnSync(PDFSIG, args, { encoding: 'utf8' });
    const output = `${result.stdout}${result.stderr}`;
    const signatures = output
      .split(/^Signature #\d+:$/mu)
      .slice(1)
      .map((block) => ({
        validation: /Signature Validation: (.*)$/mu.exec(block)?.[1] ?? '',
        certificate: /Certificate Validation: (.*)$/mu.exec(block)?.[1] ?? '',
        commonName: /Signer Certificate Common Name: (.*)$/mu.exec(block)?.[1] ?? '',
        signingTime: /Signing Time: (.*)$/mu.exec(block)?.[1] ?? '',
        totalDocument: /^\s*- Total document signed$/mu.test(block),
      }));
    return { status: result.status, output, signatures };
  } finally {
    close();
  }
}

/** Signs `pdf` as `person` would, with the signing time written into the CMS and the PDF alike. */
export function signAs(pdf: Uint8Array, person: Person, reason: string, at: Date): { pdf: Uint8Array; cms: Buffer } {
  return signPdfIncrement(pdf, { reason, signingTime: at, signerName: person.fullName }, (bytes) => signDetached(bytes, person.signer, at));
}
