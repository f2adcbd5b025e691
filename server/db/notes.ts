import type { SqlExecutor } from './client.ts';

/** A jobcenter's note becomes the order's latest note (R4.1); the caller logs it in the same transaction. */
export async function recordJobcenterNote(tx: SqlExecutor, jobOrderId: number, note: { text: string; by: string }, at: string): Promise<void> {
  await tx.run(
    `UPDATE job_orders SET latest_note_text = ?, latest_note_at = ?, latest_note_by = ?, updated_at = ?, version = version + 1
      WHERE id = ?`,
    [note.text, at, note.by, at, jobOrderId],
  );
}
