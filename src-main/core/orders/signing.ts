import type { SigningPreview } from '@shared/api/ordering';
import { AppError } from '@shared/api/errors';
import { budgetYearAt } from '@shared/domain/budget';
import { pdfSignatureReasons } from '@shared/node/pdf/reasons';
import { signDetached } from '@shared/node/signing/sign';
import { verifyDetached } from '@shared/node/signing/verify';
import type { OrderContent } from '@shared/service/orders';
import type { Clock } from '../clock';
import { loadSigner } from '../identity/device-key';
import { readIdentity, type IdentityRecord } from '../identity/identity-repo';
import type { CoreLog } from '../log';
import type { Session } from '../session/session';
import { readSettings } from '../settings/settings-repo';
import type { Db } from '../store/db';
import { signPdfSlot } from '../documents/pdf-signing';
import { queueIntent } from '../sync/queue';
import { buildContent, canonicalForm } from './content';
import { requireDraft, requireFreshDraft } from './drafts';
import { deleteDraft, readDraft, setPrepared } from './drafts-repo';
import { insertSignedOrder, readServiceStatus, type PdfSignatures } from './orders-repo';
import { NEW_VERSION_STATUSES } from './records';
import { overBudgetError, readOutlook } from './outlook';

/**
 * Signing an order (issue 5, item 5): the preview fixes the exact content,
 * the officer confirms it (with the passphrase, unless a recent one still
 * counts), the device key signs its canonical JSON, the signature is checked
 * here before anything leaves, and the signed intent is committed durably
 * before the officer is answered.
 */

/**
 * When the passphrase was last typed and found right, to let the officer
 * sign a run of orders without retyping it for the minutes the settings
 * allow. Memory only, on the monotonic clock (the wall clock may be set
 * back); forgotten when the vault locks.
 */
export class SigningGrace {
  private confirmedAt: number | undefined;

  constructor(private readonly clock: Clock) {}

  confirmed(): void {
    this.confirmedAt = this.clock.monotonic();
  }

  covers(minutes: number): boolean {
    return minutes > 0 && this.confirmedAt !== undefined && this.clock.monotonic() - this.confirmedAt < minutes * 60_000;
  }

  forget(): void {
    this.confirmedAt = undefined;
  }
}

export interface SigningDeps {
  session: Session;
  clock: Clock;
  log: CoreLog;
  grace: SigningGrace;
}

export function requireIdentity(db: Db): IdentityRecord {
  const identity = readIdentity(db);
  if (!identity) throw new AppError('identity.not_enrolled', 'This laptop is not enrolled');
  return identity;
}

export function graceMinutes(db: Db): number {
  // The language plays no part here; readSettings only needs a default for it.
  return readSettings(db, { language: 'uk' }).signingGraceMinutes;
}

/** The content signing would sign, kept with the draft so that orderSign signs exactly what was shown. */
export function previewSigning(deps: SigningDeps, id: string): Promise<SigningPreview> {
  const { session, clock, grace } = deps;
  return session.withStore((store) => {
    const { db } = store;
    const draft = requireDraft(db, id);
    requireFreshDraft(db, draft);
    const now = clock.now();
    const content = buildContent(db, draft, requireIdentity(db), now);
    const form = canonicalForm(content);
    setPrepared(db, id, JSON.stringify(content));
    return {
      orderId: id,
      content,
      canonicalJson: form.text,
      digest: form.digest,
      passphraseRequired: !grace.covers(graceMinutes(db)),
      budget: readOutlook(db, budgetYearAt(now), content.totals, id),
    };
  });
}

/**
 * The officer's consent to sign, for orders and delivery documents alike:
 * the passphrase typed now (a wrong one is refused with the vault's growing
 * delays), or one typed within the grace minutes the settings allow.
 */
export async function confirmSigning(deps: Pick<SigningDeps, 'session' | 'grace'>, minutes: number, passphrase: string | undefined): Promise<void> {
  if (passphrase !== undefined) {
    await deps.session.confirmPassphrase(passphrase);
    deps.grace.confirmed();
  } else if (!deps.grace.covers(minutes)) {
    throw new AppError('signing.passphrase_required', 'Type the passphrase to sign');
  }
}

interface Prepared {
  content: OrderContent;
  json: string;
  graceMinutes: number;
}

/** Everything that can refuse a signature before the passphrase is asked for: a wrong attempt should not be spent on it. */
function checkBeforeSigning(db: Db, id: string, digest: string, now: number): Prepared {
  const draft = requireDraft(db, id);
  const service = readServiceStatus(db, id);
  if (service && !NEW_VERSION_STATUSES.includes(service.status)) {
    throw new AppError('order.not_allowed', `The service no longer takes a new version of this order (it is ${service.status})`, { status: service.status });
  }
  if (draft.prepared === null) throw new AppError('order.content_changed', 'Look at the signing preview before signing');
  requireFreshDraft(db, draft);
  const content = JSON.parse(draft.prepared) as OrderContent;
  if (canonicalForm(content).digest !== digest) {
    throw new AppError('order.content_changed', 'The order changed since the signing preview; look at it again');
  }
  const refusal = overBudgetError(readOutlook(db, budgetYearAt(now), content.totals, id));
  if (refusal) throw refusal;
  if (!requireIdentity(db).person.roles.includes('orderer')) {
    throw new AppError('signing.role_missing', 'Only an orderer signs orders', { role: 'orderer' });
  }
  return { content, json: draft.prepared, graceMinutes: graceMinutes(db) };
}

/**
 * Signs the previewed content of draft `id` and queues its `order.submit`.
 * Nothing is queued unless the signature verifies here, with the laptop's
 * own CA certificate and the orderer role, as the service will check it.
 */
export async function signOrder(deps: SigningDeps, request: { id: string; digest: string; passphrase?: string | undefined }): Promise<void> {
  const { session, clock, log } = deps;
  const prepared = await session.withStore((store) => checkBeforeSigning(store.db, request.id, request.digest, clock.now()));

  await confirmSigning(deps, prepared.graceMinutes, request.passphrase);

  const signer = await loadSigner(session);
  const signingTime = new Date(clock.now());
  const { bytes } = canonicalForm(prepared.content);
  let signature: string;
  let pdf: PdfSignatures;
  try {
    const der = signDetached(bytes, signer, signingTime);
    verifyDetached(bytes, der, { caCertificatePems: signer.caCertificatePems, requiredRole: 'orderer', now: signingTime });
    signature = der.toString('base64');
    // The order's renditions too, as the first PDF signature, so an exported order carries it (issue 6).
    pdf = await signPdfSlot({
      document: { kind: 'order', content: prepared.content },
      earlier: [],
      reason: pdfSignatureReasons.orderer,
      signer,
      signerName: prepared.content.author.fullName,
      signingTime,
      requiredRole: 'orderer',
    });
  } catch (error) {
    log.error(`Signing order ${request.id} failed`, error);
    const problem = (error as { problem?: unknown }).problem;
    throw new AppError('signing.failed', 'The signature could not be made or does not verify; nothing was sent', typeof problem === 'string' ? { problem } : undefined);
  }

  await session.withStore((store) => {
    const { db } = store;
    // synchronous=FULL (open-store.ts): once this commits, the signed order survives a power cut.
    db.transaction(() => {
      const draft = readDraft(db, request.id);
      // Edited (or signed by a second click) while the key was at work.
      if (draft?.prepared !== prepared.json) throw new AppError('order.content_changed', 'The order changed while it was being signed; look at it again');
      const { id: intentId } = queueIntent(db, 'order.submit', { content: prepared.content, signature: { pdf } }, clock.now(), signature);
      deleteDraft(db, request.id);
      insertSignedOrder(db, {
        id: request.id,
        version: prepared.content.version,
        content: prepared.content,
        signature,
        pdfSignatures: pdf,
        intentId,
        createdAt: draft.createdAt,
        signedAt: signingTime.toISOString(),
      });
    }).immediate();
  });
}
