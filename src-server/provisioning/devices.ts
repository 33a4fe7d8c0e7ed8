import type { Clock } from '../clock';
import type { Db } from '../store/database';
import { findDevice, markDeviceRevoked, type DeviceRecord } from '../store/devices';
import { ProvisioningError } from './errors';

/** Revoke one laptop (lost, captured, handed over): its next contact makes it wipe itself. */
export function revokeDevice(db: Db, clock: Clock, id: string, reason: string): DeviceRecord {
  const device = findDevice(db, id.trim());
  if (!device) throw new ProvisioningError(`No device ${id}; see "device list"`);
  if (!markDeviceRevoked(db, device.id, clock(), reason)) throw new ProvisioningError(`Device ${device.id} is already revoked`);
  return findDevice(db, device.id) as DeviceRecord;
}
