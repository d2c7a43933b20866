/**
 * The console page: server-made HTML and a small script that fills its sections from
 * `/console/api/snapshot` every few seconds. No framework: DOM calls, `textContent` for every value
 * (the only markup inserted is the server-made SVG of a saga run).
 */

const STYLE = String.raw`
:root { color-scheme: light dark; --fg: #1b1f24; --bg: #fff; --muted: #57606a; --line: #d0d7de; --ok: #1a7f37; --bad: #cf222e; --warn: #9a6700; --accent: #0969da; }
@media (prefers-color-scheme: dark) { :root { --fg: #e6edf3; --bg: #0d1117; --muted: #9198a1; --line: #30363d; --ok: #3fb950; --bad: #f85149; --warn: #d29922; --accent: #4493f8; } }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.45 system-ui, sans-serif; color: var(--fg); background: var(--bg); }
header, main { padding: 0 12px; max-width: 1400px; margin: 0 auto; }
h1 { font-size: 1.4rem; margin: 12px 0 4px; }
h2 { font-size: 1.15rem; margin: 24px 0 8px; border-bottom: 1px solid var(--line); padding-bottom: 4px; }
h3 { font-size: 1rem; margin: 12px 0 6px; }
nav ul { display: flex; flex-wrap: wrap; gap: 4px 12px; list-style: none; padding: 0; margin: 4px 0; }
a { color: var(--accent); }
form.filters { display: flex; flex-wrap: wrap; gap: 8px; align-items: end; margin: 8px 0; }
form.filters label { display: flex; flex-direction: column; font-size: 0.85rem; color: var(--muted); }
input, button { font: inherit; padding: 6px 8px; border: 1px solid var(--line); border-radius: 6px; background: var(--bg); color: var(--fg); min-height: 36px; }
button { cursor: pointer; }
button:disabled { opacity: 0.55; cursor: not-allowed; }
button.link { border: 0; padding: 0; min-height: 0; color: var(--accent); text-decoration: underline; background: none; font-size: inherit; }
button:focus-visible, input:focus-visible, a:focus-visible { outline: 2px solid var(--accent); outline-offset: 1px; }
.scroll { overflow-x: auto; max-width: 100%; }
table { border-collapse: collapse; width: 100%; font-size: 0.85rem; }
caption { text-align: left; font-weight: 600; padding: 4px 0; color: var(--muted); }
th, td { border-bottom: 1px solid var(--line); padding: 4px 6px; text-align: left; vertical-align: top; }
td.wrap { max-width: 38rem; min-width: 6rem; overflow-wrap: anywhere; }
td button { white-space: nowrap; }
pre { margin: 0; white-space: pre-wrap; overflow-wrap: anywhere; font-size: 0.8rem; }
.up, .succeeded, .delivered, .SUCCEEDED, .redriven { color: var(--ok); }
.down, .failed, .FAILED, .dead-lettered, .dropped, .ERROR, .kept, .TIMED_OUT, .ABORTED { color: var(--bad); }
.off, .pending, .running, .RUNNING, .WARN { color: var(--warn); }
.muted { color: var(--muted); }
ul.targets { margin: 0; padding-left: 1rem; }
svg.graph { max-width: 100%; height: auto; }
svg.graph rect { fill: var(--bg); stroke: var(--line); stroke-width: 1.5; }
svg.graph text { fill: var(--muted); font-size: 12px; }
svg.graph .visited rect { stroke: var(--ok); stroke-width: 3; }
svg.graph .visited text { fill: var(--fg); font-weight: 600; }
svg.graph .failed rect { stroke: var(--bad); stroke-width: 3; stroke-dasharray: 5 3; }
svg.graph .edge { fill: none; stroke: var(--line); stroke-width: 1.5; }
svg.graph .edge-catch { stroke-dasharray: 4 3; }
svg.graph .edge.taken { stroke: var(--ok); stroke-width: 3; }
svg.graph .arrow { fill: var(--line); }
svg.graph .arrow.taken { fill: var(--ok); }
.status-line { color: var(--muted); font-size: 0.85rem; min-height: 1.2em; }
@media (max-width: 600px) { th, td { padding: 3px 4px; } h1 { font-size: 1.2rem; } table { min-width: 44rem; } form.filters label { flex: 1 1 9rem; } }
`;

/** The client: plain DOM code, run in the browser (no template literals, so it sits in a String.raw). */
const SCRIPT = String.raw`
(function () {
  var form = document.getElementById('filters');
  var statusLine = document.getElementById('refresh-status');
  var selected = null;
  var paused = false;

  function h(tag, attrs) {
    var el = document.createElement(tag);
    if (attrs) for (var k in attrs) {
      if (attrs[k] === undefined || attrs[k] === null) continue;
      if (k === 'text') el.textContent = String(attrs[k]);
      else if (k === 'onclick') el.addEventListener('click', attrs[k]);
      else el.setAttribute(k, attrs[k]);
    }
    for (var i = 2; i < arguments.length; i++) {
      var c = arguments[i];
      if (c === undefined || c === null || c === false) continue;
      el.appendChild(typeof c === 'string' || typeof c === 'number' ? document.createTextNode(String(c)) : c);
    }
    return el;
  }
  function time(iso) { return iso ? String(iso).replace('T', ' ').replace(/\.\d+Z$|Z$/, '') : ''; }
  function short(text, n) { text = String(text == null ? '' : text); return text.length > n ? text.slice(0, n - 1) + '…' : text; }
  function table(caption, headers, rows, empty) {
    var t = h('table', null, h('caption', { text: caption }));
    var head = h('tr');
    headers.forEach(function (x) { head.appendChild(h('th', { scope: 'col', text: x })); });
    t.appendChild(h('thead', null, head));
    var body = h('tbody');
    if (!rows.length) body.appendChild(h('tr', null, h('td', { colspan: headers.length, class: 'muted', text: empty })));
    rows.forEach(function (cells) {
      var tr = h('tr');
      cells.forEach(function (c) { tr.appendChild(c instanceof Node && c.tagName === 'TD' ? c : h('td', { class: 'wrap' }, c)); });
      body.appendChild(tr);
    });
    t.appendChild(body);
    return h('div', { class: 'scroll' }, t);
  }
  function fill(id) {
    var el = document.getElementById(id);
    el.replaceChildren.apply(el, Array.prototype.slice.call(arguments, 1));
  }
  function filterQuery() {
    var data = new FormData(form);
    var params = new URLSearchParams();
    ['order', 'q', 'fn', 'requestId'].forEach(function (k) { var v = String(data.get(k) || '').trim(); if (v) params.set(k, v); });
    return params;
  }
  function orderOf(detail) {
    var d = detail && (detail.data || detail);
    return (d && d.orderId) || '';
  }
  function filterBy(name, value) {
    form.elements[name].value = value;
    form.requestSubmit();
  }

  function renderHealth(services) {
    fill('health-body', table('Local services', ['Service', 'Status', 'Counter'], services.map(function (s) {
      return [s.service, h('span', { class: s.status, text: s.status }), s.counter];
    }), 'No services'));
  }
  function renderOutbox(outbox) {
    fill('outbox-body',
      table('Emails, newest first (' + outbox.emails.length + ')', ['Sent', 'To', 'Subject', 'Body'], outbox.emails.map(function (e) {
        return [time(e.sentAt), e.to, e.subject, h('pre', { text: short(e.body, 600) })];
      }), 'No emails'),
      table('SNS messages, newest first (' + outbox.sns.length + ')', ['Sent', 'Topic', 'Message', 'Attributes'], outbox.sns.map(function (m) {
        return [time(m.sentAt), short(m.topicArn.split(':').pop(), 60), h('pre', { text: short(m.message, 600) }), h('pre', { text: JSON.stringify(m.attributes) })];
      }), 'No SNS messages'));
  }
  function targetItem(t) {
    var li = h('li', null, t.rule.split('-').pop() + ' → ' + t.targetLabel + ': ', h('span', { class: t.status, text: t.status }),
      ' (' + t.attempts + ' attempt' + (t.attempts === 1 ? '' : 's') + ', ' + t.retries + ' retries)');
    if (t.invocation) li.appendChild(h('span', null, '; invocation ', h('span', { class: t.invocation.status, text: t.invocation.status }),
      t.invocation.invokeCount ? ' after ' + t.invocation.invokeCount + ' run' + (t.invocation.invokeCount === 1 ? '' : 's') : '',
      t.invocation.error ? ': ' + t.invocation.error.errorType + ' ' + short(t.invocation.error.errorMessage, 120) : '',
      t.invocation.destination ? ' → ' + t.invocation.destination.arn.split(':').pop() + ' (' + t.invocation.destination.condition + ')' : ''));
    if (t.deadLetter) li.appendChild(h('span', null, '; dead-lettered to ' + t.deadLetter.queueArn.split(':').pop()));
    if (t.error && t.status !== 'delivered') li.appendChild(h('span', { class: 'muted', text: ' — ' + t.error.code + ': ' + short(t.error.message, 120) }));
    if (t.executionArn) li.appendChild(h('span', { class: 'muted', text: '; started ' + t.executionArn.split(':').pop() }));
    return li;
  }
  function renderEvents(events) {
    fill('events-body', table('Events, newest first (' + events.length + ')', ['Time', 'Detail type', 'Source', 'Order', 'Rules matched', 'Targets'], events.map(function (e) {
      var targets = h('ul', { class: 'targets' });
      e.targets.forEach(function (t) { targets.appendChild(targetItem(t)); });
      return [time(e.time), e.detailType, e.source, orderOf(e.detail), e.rules.length ? e.rules.map(function (r) { return r.split('-').pop(); }).join(', ') : h('span', { class: 'muted', text: 'none' }), e.targets.length ? targets : ''];
    }), 'No events'));
  }
  function showRun(arn) {
    selected = arn;
    fetch('/console/api/executions/' + encodeURIComponent(arn) + '/graph').then(function (r) { return r.json(); }).then(function (g) {
      if (!g.svg) { fill('run-graph', h('p', { text: g.message || 'No graph' })); return; }
      var figure = h('figure', { 'aria-label': 'Saga run ' + g.execution.name });
      var holder = h('div', { class: 'scroll' });
      holder.innerHTML = g.svg; // made by the server from the definition, every name escaped
      figure.appendChild(holder);
      figure.appendChild(h('figcaption', null, h('strong', { text: g.stateMachine + ' / ' + g.execution.name + ': ' }),
        h('span', { class: g.execution.status, text: g.execution.status }),
        ' — path: ' + g.path.entered.join(' → ') + (g.path.failed.length ? ' (failed: ' + g.path.failed.join(', ') + ')' : '')));
      fill('run-graph', h('h3', { text: 'Path of ' + g.execution.name }), figure);
    });
  }
  function renderRuns(runs) {
    fill('runs-body', table('Saga runs, newest first (' + runs.length + ')', ['Started', 'State machine', 'Execution', 'Status', 'Path'], runs.map(function (r) {
      var button = h('button', { type: 'button', 'aria-pressed': String(selected === r.executionArn), text: 'Show path', 'aria-label': 'Show path of ' + r.name, onclick: function () { showRun(r.executionArn); refresh(); } });
      return [time(r.startDate), r.stateMachine, r.name, h('span', { class: r.status, text: r.status }), button];
    }), 'No saga runs'));
    if (selected) showRun(selected);
  }
  function renderDecisions(decisions) {
    fill('authorizer-body', table('Authorizer decisions, newest first (' + decisions.length + ')', ['Time', 'Operation', 'Authorized', 'Cached', 'Policy', 'Denied', 'Reason', 'ms'], decisions.map(function (d) {
      return [time(d.at), (d.operationName ? d.operationName + ': ' : '') + d.operation, h('span', { class: d.isAuthorized ? 'up' : 'down', text: d.isAuthorized ? 'yes' : 'no' }), d.cached ? 'yes' : 'no', d.policyId || '', d.deniedRequested.join(', '), d.reason || '', String(d.ms)];
    }), 'No decisions yet'));
  }
  function redrive(queue) {
    var line = document.getElementById('dlq-status');
    line.textContent = 'Redriving ' + queue + '…';
    fetch('/console/api/dead-letters/' + encodeURIComponent(queue) + '/redrive', { method: 'POST' })
      .then(function (r) { return r.json(); })
      .then(function (r) { line.textContent = 'Redrove ' + (r.messages || []).filter(function (m) { return m.status === 'redriven'; }).length + ' of ' + (r.messages || []).length + ' message(s) from ' + queue + '.'; refresh(); })
      .catch(function (e) { line.textContent = 'Redrive failed: ' + e.message; });
  }
  function deadLetterSummary(m) {
    var body = null;
    try { body = JSON.parse(m.body); } catch (e) { body = null; }
    var event = body && (body.requestPayload || body);
    var what = event && event['detail-type'] ? event['detail-type'] + (orderOf(event.detail) ? ' for order ' + orderOf(event.detail) : '') : short(m.body, 200);
    var why = (body && body.responsePayload && body.responsePayload.errorMessage) || m.attributes.ERROR_MESSAGE || m.attributes.ErrorMessage || '';
    return h('span', null, time(m.sentAt) + ' ' + what, why ? h('span', { class: 'muted', text: ' — ' + short(why, 160) }) : '');
  }
  function renderDeadLetters(queues) {
    fill('dlq-body', table('Dead-letter queues (' + queues.length + ')', ['Queue', 'Fed by', 'Messages', 'Waiting', 'Last redrive', 'Redrive'], queues.map(function (q) {
      var waiting = h('ul', { class: 'targets' });
      q.waiting.slice(0, 5).forEach(function (m) { waiting.appendChild(h('li', null, deadLetterSummary(m))); });
      var last = '';
      if (q.lastRedrive) {
        last = h('ul', { class: 'targets', 'aria-label': 'Last redrive of ' + q.name });
        q.lastRedrive.messages.forEach(function (m) {
          var state = m.status === 'kept' ? 'kept' : m.outcome ? m.outcome.status : m.status;
          last.appendChild(h('li', null, time(q.lastRedrive.at) + ' → ' + (m.targetLabel || 'kept') + ': ', h('span', { class: state, text: state }), m.reason ? ' (' + m.reason + ')' : '', m.outcome && m.outcome.error ? ' (' + short(m.outcome.error, 120) + ')' : ''));
        });
      }
      var button = h('button', { type: 'button', text: 'Redrive', 'aria-label': 'Redrive ' + q.name, onclick: function () { redrive(q.name); } });
      if (!q.messages) button.setAttribute('disabled', '');
      var feeds = h('ul', { class: 'targets' });
      q.feeds.forEach(function (f) { feeds.appendChild(h('li', { text: f })); });
      return [q.name, feeds, String(q.messages), q.waiting.length ? waiting : '', last, button];
    }), 'No dead-letter queues'));
  }
  function renderLogs(logs) {
    fill('logs-body', table('Log lines, newest first (' + logs.length + ')', ['Time', 'Function', 'Level', 'Message', 'Fields', 'Request id'], logs.map(function (l) {
      var fields = Object.keys(l.fields).filter(function (k) { return ['service', 'function_request_id', 'function_arn', 'function_name', 'function_memory_size', 'cold_start', 'sampling_rate', 'xray_trace_id'].indexOf(k) < 0; })
        .map(function (k) { return k + '=' + (typeof l.fields[k] === 'string' ? l.fields[k] : JSON.stringify(l.fields[k])); }).join(' ');
      return [time(l.time), l.function, h('span', { class: l.level, text: l.level }), h('pre', { text: short(l.message, 800) }), h('pre', { text: short(fields, 600) }),
        h('button', { type: 'button', class: 'link', text: short(l.invocation, 13), title: 'Show only request ' + l.invocation, onclick: function () { filterBy('requestId', l.invocation); } })];
    }), 'No log lines'));
  }

  var inflight = false;
  function refresh() {
    if (inflight) return;
    inflight = true;
    var params = filterQuery();
    fetch('/console/api/snapshot?' + params.toString(), { cache: 'no-store' })
      .then(function (r) { if (!r.ok) throw new Error('HTTP ' + r.status); return r.json(); })
      .then(function (s) {
        renderHealth(s.health); renderOutbox(s.outbox); renderEvents(s.events); renderRuns(s.executions);
        renderDecisions(s.decisions); renderDeadLetters(s.deadLetters); renderLogs(s.logs);
        statusLine.textContent = 'Updated ' + time(s.at) + (params.get('order') ? ' — showing order ' + params.get('order') : '') + (paused ? ' (paused)' : '');
      })
      .catch(function (e) { statusLine.textContent = 'Could not refresh: ' + e.message; })
      .then(function () { inflight = false; });
  }
  form.addEventListener('submit', function (e) {
    e.preventDefault();
    history.replaceState(null, '', '?' + filterQuery().toString());
    selected = null; fill('run-graph');
    refresh();
  });
  form.addEventListener('reset', function () { setTimeout(function () { history.replaceState(null, '', location.pathname); selected = null; fill('run-graph'); refresh(); }, 0); });
  document.getElementById('pause').addEventListener('click', function (e) {
    paused = !paused;
    e.currentTarget.setAttribute('aria-pressed', String(paused));
    e.currentTarget.textContent = paused ? 'Resume refresh' : 'Pause refresh';
  });
  var initial = new URLSearchParams(location.search);
  ['order', 'q', 'fn', 'requestId'].forEach(function (k) { if (initial.get(k)) form.elements[k].value = initial.get(k); });
  refresh();
  setInterval(function () { if (!paused && !document.hidden) refresh(); }, 3000);
})();
`;

const SECTIONS: [id: string, title: string, intro: string][] = [
  ['health', 'Health', 'Each local service, up or down, and a counter of its work.'],
  ['outbox', 'Outbox', 'Every email and SNS message the shop sent (none leaves this machine).'],
  ['events', 'Events', 'Each event put on a bus, the rules it matched and how each target fared.'],
  ['runs', 'Saga runs', 'Step Functions executions; show one to see its path drawn on the state machine.'],
  ['authorizer', 'Authorizer decisions', 'What the AppSync Lambda authorizer answered (not narrowed by order).'],
  ['dlq', 'Dead-letter queues', 'Events a consumer could not handle; Redrive sends each back to its consumer.'],
  ['logs', 'Logs', 'Every invocation’s log lines, structured (Powertools JSON) or plain.'],
];

/** The page, the same for every request: the script fills it in. */
export const consolePage = (): string => `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>cloudshop local console</title>
<style>${STYLE}</style>
</head>
<body>
<header>
<h1>cloudshop local console</h1>
<nav aria-label="Sections"><ul>${SECTIONS.map(([id, title]) => `<li><a href="#${id}">${title}</a></li>`).join('')}</ul></nav>
<form id="filters" class="filters" role="search" aria-label="Narrow the console">
<label>Order id<input name="order" autocomplete="off" spellcheck="false"></label>
<label>Text<input name="q" autocomplete="off"></label>
<label>Function<input name="fn" autocomplete="off" spellcheck="false"></label>
<label>Request id<input name="requestId" autocomplete="off" spellcheck="false"></label>
<button type="submit">Apply filter</button>
<button type="reset">Clear</button>
<button type="button" id="pause" aria-pressed="false">Pause refresh</button>
</form>
<p id="refresh-status" class="status-line" role="status" aria-live="polite"></p>
</header>
<main>
${SECTIONS.map(
  ([id, title, intro]) => `<section id="${id}" aria-labelledby="${id}-title">
<h2 id="${id}-title">${title}</h2>
<p class="muted">${intro}</p>
${id === 'dlq' ? '<p id="dlq-status" class="status-line" role="status" aria-live="polite"></p>' : ''}
<div id="${id}-body"><p class="muted">Loading…</p></div>
${id === 'runs' ? '<div id="run-graph"></div>' : ''}
</section>`,
).join('\n')}
</main>
<script>${SCRIPT}</script>
</body>
</html>
`;
