import { test, expect } from './fixtures';
test('measure import', async ({ extension, sendMessage }) => {
  test.setTimeout(900_000);
  for (const n of [1000, 10000]) {
    const s = await sendMessage('debug.seed', { contacts: n, seed: 7 });
    expect(s.ok).toBe(true);
    let t = Date.now();
    const ex = await sendMessage('data.export', { format: 'json' });
    if (!ex.ok) throw new Error(ex.error.message);
    const exportMs = Date.now() - t;
    const text = ex.data.content;
    await sendMessage('data.erase', { confirm: 'erase' });
    t = Date.now();
    const im = await sendMessage('data.import', { text });
    const importMs = Date.now() - t;
    if (!im.ok) throw new Error(im.error.message);
    t = Date.now();
    const again = await sendMessage('data.import', { text });
    const reMs = Date.now() - t;
    if (!again.ok) throw new Error(again.error.message);
    console.log(`N=${n} size=${(text.length / 1e6).toFixed(1)}MB export=${exportMs}ms import=${importMs}ms (${JSON.stringify(im.data.contacts)}, queued ${im.data.queued}) reimport=${reMs}ms (${JSON.stringify(again.data.contacts)}, queued ${again.data.queued})`);
    await sendMessage('data.erase', { confirm: 'erase' });
  }
});
