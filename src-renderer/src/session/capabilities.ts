/**
 * What a later area may need before it appears in the navigation. A route
 * declares `meta.requires`; the frame shows it, and the router lets it open,
 * only when the session has every capability it names. Nothing reports any
 * of these yet, so routes that require them stay hidden until the issue that
 * makes them work also reports the capability (e.g. after enrolment, per role).
 */
export const capabilities = [
  'enrolled',
  'role.orderer',
  'role.receiver',
  'role.commander',
] as const;
export type Capability = (typeof capabilities)[number];

export function hasAll(available: ReadonlySet<Capability>, required: readonly Capability[] | undefined): boolean {
  return (required ?? []).every((capability) => available.has(capability));
}
