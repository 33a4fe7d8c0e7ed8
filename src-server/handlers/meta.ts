import { buildOpenApiDocument } from '@shared/service/openapi';
import { iso } from '../clock';
import type { ServiceContext } from '../context';
import type { Handler } from '../http/routing';

export const SERVICE_NAME = 'quartermaster-reference-service';

export function healthHandler(ctx: ServiceContext): Handler<'health'> {
  return async () => ({ status: 'ok', service: SERVICE_NAME, version: ctx.version, time: iso(ctx.clock()) });
}

export function openApiHandler(ctx: ServiceContext): Handler<'openApi'> {
  // Built once: it depends only on the code.
  const document = buildOpenApiDocument({ version: ctx.version });
  return async () => document;
}

export function caCertificateHandler(ctx: ServiceContext): Handler<'caCertificate'> {
  return async () => ({ caCertificate: ctx.ca.certificatePem, fingerprintSha256: ctx.ca.fingerprint });
}
