// The one table `npm run bench` prints (Markdown, so the README can take it as is), and the checks that
// fail the run: budgets exceeded, messages lost or duplicated, clients that never came back.

const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
const bytes = (n) => `${n.toLocaleString('en-US')} B`;
const ms = (value) =>
  Number.isFinite(value) ? (value < 10 ? value.toFixed(1) : String(Math.round(value))) : '–';
const ratio = (a, b) => (Number.isFinite(a / b) ? `×${(a / b).toFixed(2)}` : '–');
const calls = (c) => `${c.reads} reads, ${c.writes} writes, ${c.posts} posts`;

/** Builds the table from the results: `{ table, failures }`. */
export function renderTable(results) {
  const rows = [];
  const failures = [];
  const check = (ok, failure) => {
    if (!ok) failures.push(failure);
    return ok ? 'ok' : 'FAIL';
  };

  const { sizes } = results;
  if (sizes) {
    const size = (name, label, figure) =>
      rows.push([
        'bundle size (gzip -9)',
        label,
        bytes(figure.gzip),
        `budget ${bytes(figure.budget)}`,
        check(
          figure.gzip <= figure.budget,
          `${name} is ${figure.gzip} B, over its ${figure.budget} B budget`,
        ),
      ]);
    size('SDK core', 'SDK core: createChatClient + guestAuth', sizes.sdk);
    if (sizes.reactHooks) {
      rows.push([
        'bundle size (gzip -9)',
        'React hooks: @org/chat-sdk/react, all six (React external)',
        bytes(sizes.reactHooks.gzip),
        `+${bytes(sizes.reactHooks.addedToCore)} on top of the SDK core`,
        '',
      ]);
    }
    size('widget loader', 'widget loader (chat-widget.js)', sizes.loader);
    size('open widget', `open widget as a guest (${sizes.open.files.join(' + ')})`, sizes.open);
    rows.push([
      'bundle size (gzip -9)',
      'on demand only (not in the open widget)',
      sizes.onDemand.map((c) => `${c.file.replace(/-[\w-]{8}\.js$/, '')} ${bytes(c.gzip)}`).join(', '),
      '',
      '',
    ]);
  }

  const latency = results.latency ?? [];
  for (const size of [...new Set(latency.map((r) => r.size))]) {
    const at = (target) => latency.find((r) => r.size === size && r.target === target);
    const ours = at('ours');
    const minimal = at('minimal');
    const bare = at('bare');
    if (!ours) continue;
    const floors = [
      minimal && `minimal ${ms(minimal.p50)} / ${ms(minimal.p99)} ms`,
      bare && `bare ws ${ms(bare.p50)} / ${ms(bare.p99)} ms`,
    ];
    const clean = [ours, minimal, bare].filter(Boolean).every((r) => r.lost === 0 && r.duplicated === 0);
    rows.push([
      'send→receive p50 / p99',
      `room of ${size}: ${ours.messages} msgs, 1 per ${ours.intervalMs} ms`,
      `${ms(ours.p50)} / ${ms(ours.p99)} ms`,
      floors.filter(Boolean).join('; '),
      `${minimal ? `${ratio(ours.p50, minimal.p50)} / ${ratio(ours.p99, minimal.p99)} of minimal; ` : ''}lost ${ours.lost}, dup ${ours.duplicated} ${check(
        clean,
        `room of ${size}: lost or duplicated messages (${[ours, minimal, bare]
          .filter(Boolean)
          .map((r) => `${r.target} ${r.lost}/${r.duplicated}`)
          .join(', ')})`,
      )}`,
    ]);
  }

  const throughput = results.throughput ?? [];
  const ours = throughput.find((r) => r.target === 'ours');
  if (ours) {
    const minimal = throughput.find((r) => r.target === 'minimal');
    rows.push([
      'sustained messages/s',
      `${ours.senders} SDK senders (1 in flight each), ${ours.listeners} listeners, ${ours.seconds} s`,
      `${ours.perSecond.toFixed(1)} msg/s (${Math.round(ours.deliveriesPerSecond)} deliveries/s), ack p50 ${ms(ours.ackP50)} ms`,
      minimal ? `minimal ${minimal.perSecond.toFixed(1)} msg/s, ack p50 ${ms(minimal.ackP50)} ms` : '',
      `${minimal ? `${ratio(ours.perSecond, minimal.perSecond)} of minimal; ` : ''}lost ${ours.lost}, dup ${ours.duplicated} ${check(
        throughput.every((r) => r.lost === 0 && r.duplicated === 0 && r.failed === 0),
        `throughput: lost, duplicated or failed sends (${throughput.map((r) => `${r.target} ${r.lost}/${r.duplicated}/${r.failed}`).join(', ')})`,
      )}`,
    ]);
  }

  const storm = results.storm;
  if (storm) {
    const b = storm.backoff;
    const seconds = (value) => (Number.isFinite(value) ? `${(value / 1000).toFixed(1)} s` : '–');
    const minimal = storm.minimal;
    rows.push([
      'reconnect storm',
      `${storm.clients} SDK clients in ${storm.rooms} rooms, every socket dropped at once`,
      `all open in ${seconds(storm.allOpenMs)} (median ${seconds(storm.medianOpenMs)}), all resumed in ${seconds(storm.allResumedMs)}`,
      minimal
        ? `minimal handler: all open in ${seconds(minimal.allOpenMs)} (median ${seconds(minimal.medianOpenMs)})`
        : '',
      `peak ${storm.peakAttemptsPerSecond} attempts/s (${storm.peakAttemptsPer100ms} in 100 ms), ${storm.failedAttempts} failed; full jitter ${b.baseMs} ms–${b.capMs / 1000} s ${check(
        storm.allOpen && storm.allResumed && (!minimal || minimal.allOpen),
        `reconnect storm: not every client came back (${storm.dropped} dropped)`,
      )}`,
    ]);
  }

  const cold = results.coldLoad ?? [];
  const minimalCold = cold.find((r) => r.group === 'minimal');
  for (const row of cold.filter((r) => r.group === 'ours')) {
    const name = row.bundle.replace(/^backend\/src\/handlers\//, '').replace(/\.cjs$/, '');
    rows.push([
      'Lambda cold load (require)',
      `${name} (${kb(row.bytes)})`,
      `${ms(row.medianMs)} ms`,
      minimalCold ? `minimal handler ${ms(minimalCold.medianMs)} ms` : '',
      minimalCold ? ratio(row.medianMs, minimalCold.medianMs) : '',
    ]);
  }

  for (const r of latency.filter((r) => r.target === 'ours' && r.callsPerSend)) {
    const minimal = latency.find((m) => m.target === 'minimal' && m.size === r.size);
    rows.push([
      'calls per action (counted)',
      `send, room of ${r.size}`,
      calls(r.callsPerSend),
      minimal?.callsPerSend ? `minimal ${calls(minimal.callsPerSend)}` : '',
      '',
    ]);
  }
  for (const r of results.cost ?? []) {
    rows.push(['calls per action (counted)', r.action, calls(r), '', '']);
  }

  const table = markdown(['benchmark', 'case', 'result', 'compared with', 'check'], rows);
  return { table, failures };
}

function markdown(headers, rows) {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((row) => String(row[i]).length)));
  const line = (cells) => `| ${cells.map((cell, i) => String(cell).padEnd(widths[i])).join(' | ')} |`;
  return [line(headers), `| ${widths.map((w) => '-'.repeat(w)).join(' | ')} |`, ...rows.map(line)].join('\n');
}
