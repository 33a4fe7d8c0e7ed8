import type { SignatureCheck } from '@shared/api/ordering';
import { canonicalJsonBytes } from '@shared/node/signing/canonical-json';
import { SignatureError } from '@shared/node/signing/errors';
import { verifyDetached } from '@shared/node/signing/verify';
import type { OrderContent } from '@shared/service/orders';

export interface Trust {
  /** The CA certificates this laptop holds (its identity's). */
  caCertificatePems: readonly string[];
  now: Date;
}

/**
 * Checks an order's signature offline, as the service would: a detached CMS
 * over the canonical JSON of exactly this content, by an orderer whose
 * certificate the CA issued. What it finds is shown, never thrown: a bad
 * signature on an order is news for the officer, not a failure of the page.
 */
export function checkOrderSignature(content: OrderContent, signatureBase64: string, trust: Trust): SignatureCheck {
  try {
    const verified = verifyDetached(canonicalJsonBytes(content), Buffer.from(signatureBase64, 'base64'), {
      caCertificatePems: trust.caCertificatePems,
      requiredRole: 'orderer',
      now: trust.now,
    });
    const { signer } = verified;
    return {
      valid: true,
      problem: null,
      signer: { fullName: signer.fullName, username: signer.username, roles: [...signer.roles], unitNumber: signer.unitNumber },
      signingTime: verified.signingTime.toISOString(),
    };
  } catch (error) {
    return { valid: false, problem: error instanceof SignatureError ? error.problem : 'malformed', signer: null, signingTime: null };
  }
}
