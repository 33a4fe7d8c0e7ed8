/**
 * The triggers that stamp sync-ready tables (see migration 1): the next
 * change_seq on every insert and update, a tombstone naming the row's owner
 * on delete, and a child row's writes re-stamping its parent. Shared by
 * migrations 2 to 4, whose schema they are part of: change the SQL only
 * together with a migration that re-creates the triggers.
 */

export function deleteTrigger(table: string, scope: string, key: string, owner: string): string {
  return `
CREATE TRIGGER ${table}_seq_delete AFTER DELETE ON ${table} BEGIN
  UPDATE change_counter SET value = value + 1 WHERE id = 1;
  INSERT INTO tombstones (change_seq, scope, entity, entity_id, owner)
    VALUES ((SELECT value FROM change_counter WHERE id = 1), '${scope}', '${table}', ${key}, ${owner});
END;`;
}

/** Migration 1's change_seq stamping, with owned tombstones, for a table made from migration 2 on. */
export function seqTriggers(table: string, scope: string, key: string, owner: string): string {
  const bump = `UPDATE change_counter SET value = value + 1 WHERE id = 1;`;
  const current = `(SELECT value FROM change_counter WHERE id = 1)`;
  return `
CREATE INDEX ${table}_change_seq ON ${table}(change_seq);
CREATE TRIGGER ${table}_seq_insert AFTER INSERT ON ${table} BEGIN
  ${bump}
  UPDATE ${table} SET change_seq = ${current} WHERE rowid = NEW.rowid;
END;
CREATE TRIGGER ${table}_seq_update AFTER UPDATE ON ${table} WHEN NEW.change_seq IS OLD.change_seq BEGIN
  ${bump}
  UPDATE ${table} SET change_seq = ${current} WHERE rowid = NEW.rowid;
END;${deleteTrigger(table, scope, key, owner)}`;
}

/** A write to a child row re-stamps its parent (the parent's update trigger does the stamping). */
export function touchParent(child: string, parent: string, key: string): string {
  return ['INSERT', 'UPDATE', 'DELETE']
    .map((event) => {
      const row = event === 'DELETE' ? 'OLD' : 'NEW';
      return `
CREATE TRIGGER ${child}_touch_${event.toLowerCase()} AFTER ${event} ON ${child} BEGIN
  UPDATE ${parent} SET change_seq = change_seq WHERE id = ${row}.${key};
END;`;
    })
    .join('');
}
