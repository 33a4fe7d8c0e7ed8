/** A refused provisioning request (bad input, conflict); the message is for the operator. */
export class ProvisioningError extends Error {
  override name = 'ProvisioningError';
}
