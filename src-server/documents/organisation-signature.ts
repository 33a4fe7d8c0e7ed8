import { canonicalJsonBytes, signDetached } from '@shared/node/signing';
import type { NewSignature } from '../store/documents-signatures';
import type { OrganisationSigner } from './keyring';
import { signPdfRenditions, type EarlierPdfSignature } from './pdf-signatures';
import type { Renditions, SignedDocument } from './renditions';

/**
 * A supplier's or the agency's signature of a document, made with its key
 * from the keyring: the CMS over the content's canonical JSON and the next
 * incremental PDF signature of each rendition, on top of `earlier`.
 */
export function signAsOrganisation(
  document: SignedDocument,
  renditions: Renditions,
  earlier: readonly EarlierPdfSignature[],
  reason: string,
  signer: OrganisationSigner,
  now: number,
): NewSignature {
  const signingTime = new Date(now);
  const cms = signDetached(canonicalJsonBytes(document.content), signer, signingTime).toString('base64');
  const pdf = signPdfRenditions(renditions, earlier, { reason, signerName: signer.identity.name, signingTime }, signer);
  return { cms, pdf, signerId: signer.identity.organisationId, deviceId: null, signedAt: now };
}
