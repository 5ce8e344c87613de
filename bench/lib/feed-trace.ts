/**
 * Main-thread work in a Chromium trace of the feed tab: every task of the page's renderer main thread,
 * the JavaScript of the content script (calls whose script URL is the extension's; content scripts
 * run in an isolated world of the page's own main thread), and the extension port messages it receives.
 */
import { writeFile } from 'node:fs/promises';
import type { CDPSession } from 'playwright-core';

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  /** Thread (CPU) time of the event, µs: what it cost the thread, whatever else the machine was doing. */
  tdur?: number;
  args?: {
    name?: string;
    data?: { url?: string; functionName?: string; scriptId?: string | number; lineNumber?: number; columnNumber?: number; frames?: { url?: string; processId?: number }[] };
    beginData?: { url?: string };
    chrome_mojo_event_info?: { mojo_interface_tag?: string };
  };
}

export interface TraceSummary {
  /** Sum of the main thread's tasks, ms. */
  taskMs: number;
  /** The same tasks in thread CPU time, ms. */
  taskCpuMs: number;
  /**
   * Thread CPU time (self, ms) of page work that is the same, event for event, with and without the
   * extension: parsing the posts' HTML (ParseHTML, one per 10 posts) and updating the scroll offset
   * (ScrollLayer, one per wheel step). The same work takes up to 25 % more or less CPU time from one
   * scroll to the next on this shared machine (every kind of event alike), so it measures how fast the
   * thread ran (see bench/feed.ts). Not compositor commits (one per frame: the page draws 4–12 % fewer
   * frames with the extension) nor the page's script calls (its instrumentation answers the extension's
   * attributes): the extension changes how many there are (docs/benchmarks.md, "A yardstick of work the
   * extension does not change").
   */
  referenceCpuMs: number;
  /** How many events `referenceCpuMs` sums: the same on both sides of a pair, or the yardstick does not hold. */
  referenceEvents: number;
  /**
   * Thread CPU time (self, ms) of every kind of event on the page's main thread: the trace's event names,
   * script calls split into the content script's and the page's. What the extension's time is made of
   * (bench/feed.ts compares the kinds with and without it).
   */
  selfCpuByKind: Map<string, number>;
  /** Content-script JavaScript, ms of wall time (outermost calls only). */
  extensionMs: number;
  /** The same calls in thread CPU time, ms: without the time the thread waited for a core. */
  extensionCpuMs: number;
  /**
   * Extension port messages delivered to the feed's renderer — the background's verdicts for the content
   * script — in thread CPU time, ms: decoding, the extension bindings' dispatch, and the content script's
   * listener with the promise reactions it runs. Their outermost call is the bindings' (no script URL), so
   * `extensionCpuMs` does not include them. Calls nested in them that are counted elsewhere (the content
   * script's own observers) or are the page's (the bench's instrumentation) are left out.
   */
  portCpuMs: number;
  /** How many such messages. */
  portMessages: number;
  /** Content-script CPU time by entry point (function name, or the event when unnamed), ms, largest first. */
  byFunction: [string, number][];
  /** Tasks over 50 ms: their duration, how much of it was the content script, and its largest call. */
  longTasks: { ms: number; extensionMs: number; largest: string }[];
}

const CATEGORIES = ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'toplevel', 'v8.execute'].join(',');

export async function startTrace(session: CDPSession): Promise<void> {
  await session.send('Tracing.start', { transferMode: 'ReturnAsStream', traceConfig: { includedCategories: CATEGORIES.split(','), recordMode: 'recordAsMuchAsPossible' } });
}

let traces = 0;

export async function stopTrace(session: CDPSession, pageUrlPrefix: string): Promise<TraceSummary> {
  const complete = new Promise<string>((resolve) => session.once('Tracing.tracingComplete', (event) => resolve(event.stream!)));
  await session.send('Tracing.end');
  const stream = await complete;
  const chunks: string[] = [];
  for (;;) {
    const { data, eof, base64Encoded } = await session.send('IO.read', { handle: stream, size: 4 << 20 });
    chunks.push(base64Encoded ? Buffer.from(data, 'base64').toString('utf8') : data);
    if (eof) break;
  }
  await session.send('IO.close', { handle: stream });
  // FEED_TRACE=file.json keeps the raw trace (DevTools Performance panel, or scripts).
  if (process.env.FEED_TRACE) await writeFile(`${process.env.FEED_TRACE.replace(/\.json$/, '')}-${++traces}.json`, chunks.join(''));
  const parsed = JSON.parse(chunks.join('')) as { traceEvents: TraceEvent[] } | TraceEvent[];
  return summarise(Array.isArray(parsed) ? parsed : parsed.traceEvents, pageUrlPrefix);
}

function summarise(events: TraceEvent[], pageUrlPrefix: string): TraceSummary {
  const mainThreads = new Set(events.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`));
  // The feed's renderer: the main thread that parsed or ran the page's own document.
  const pageThread = events.find(
    (e) => mainThreads.has(`${e.pid}:${e.tid}`) && (e.args?.data?.url ?? e.args?.beginData?.url ?? '').startsWith(pageUrlPrefix),
  );
  if (!pageThread) throw new Error('no renderer main thread for the feed in the trace');
  const onThread = events.filter((e) => e.pid === pageThread.pid && e.tid === pageThread.tid && e.ph === 'X' && e.dur !== undefined);
  const seen = new Set<number>();
  const tasks = onThread.filter((e) => e.name === 'RunTask' && !seen.has(e.ts) && seen.add(e.ts));
  const extensionCalls = outermost(
    onThread.filter((e) => (e.name === 'FunctionCall' || e.name === 'EvaluateScript' || e.name === 'v8.compile') && isExtension(e.args?.data?.url)),
  );
  const portMessages = onThread.filter(
    (e) => e.name === 'Receive mojo message' && e.args?.chrome_mojo_event_info?.mojo_interface_tag === 'extensions.mojom.MessagePort',
  );
  const cpu = (e: TraceEvent) => (e.tdur ?? e.dur!) / 1000;
  // The bindings' dispatch is a call of an internal script (id 0, no URL); any other call is left out.
  const isBindings = (e: TraceEvent) => !e.args?.data?.url && String(e.args?.data?.scriptId ?? 0) === '0';
  const nestedCalls = outermost(onThread.filter((e) => e.name === 'FunctionCall' && !isBindings(e)));
  const ports = portMessages.map((message) => {
    const inside = nestedCalls.filter((call) => call.ts >= message.ts && call.ts < message.ts + message.dur!);
    return {
      ts: message.ts,
      ms: (message.dur! - inside.reduce((total, call) => total + call.dur!, 0)) / 1000,
      cpuMs: cpu(message) - inside.reduce((total, call) => total + cpu(call), 0),
    };
  });
  const sum = (list: TraceEvent[]) => list.reduce((total, e) => total + e.dur!, 0) / 1000;
  const nameOf = (call: TraceEvent) => {
    const data = call.args?.data;
    return `${call.name} ${data?.functionName || '(anonymous)'}:${data?.lineNumber ?? ''}:${data?.columnNumber ?? ''}`;
  };
  const byFunction = new Map<string, number>();
  for (const call of extensionCalls) byFunction.set(nameOf(call), (byFunction.get(nameOf(call)) ?? 0) + (call.tdur ?? call.dur!) / 1000);
  const selfCpuByKind = selfCpu(onThread);
  const isReference = (e: TraceEvent) => REFERENCE_KINDS.includes(e.name);
  return {
    taskMs: sum(tasks),
    taskCpuMs: tasks.reduce((total, e) => total + cpu(e), 0),
    referenceCpuMs: REFERENCE_KINDS.reduce((total, kind) => total + (selfCpuByKind.get(kind) ?? 0), 0),
    referenceEvents: onThread.filter(isReference).length,
    selfCpuByKind,
    byFunction: [...byFunction].sort((a, b) => b[1] - a[1]),
    extensionMs: sum(extensionCalls),
    extensionCpuMs: extensionCalls.reduce((total, e) => total + (e.tdur ?? e.dur!), 0) / 1000,
    portCpuMs: ports.reduce((total, port) => total + port.cpuMs, 0),
    portMessages: ports.length,
    longTasks: tasks
      .filter((task) => task.dur! > 50_000)
      .map((task) => {
        const inside = extensionCalls.filter((call) => call.ts >= task.ts && call.ts < task.ts + task.dur!);
        const largest = inside.reduce<TraceEvent | undefined>((top, call) => (top && top.dur! >= call.dur! ? top : call), undefined);
        const replies = ports.filter((port) => port.ts >= task.ts && port.ts < task.ts + task.dur!).reduce((total, port) => total + port.ms, 0);
        const largestName = largest && largest.dur! / 1000 >= replies ? nameOf(largest) : replies > 0 ? 'port messages' : '';
        return { ms: task.dur! / 1000, extensionMs: sum(inside) + replies, largest: largestName };
      }),
  };
}

/** The yardstick's kinds: the posts' HTML parsing and the scroll offset updates (see `referenceCpuMs`). */
const REFERENCE_KINDS = ['ParseHTML', 'ScrollLayer'];

const isExtension = (url: string | undefined) => url?.startsWith('chrome-extension://') ?? false;

function kindOf(event: TraceEvent): string {
  if (event.name !== 'FunctionCall') return event.name;
  return isExtension(event.args?.data?.url) ? 'FunctionCall (content script)' : 'FunctionCall (page, bindings)';
}

/** Thread CPU time (ms) of the events by kind, each less that of the events nested in it. */
function selfCpu(events: TraceEvent[]): Map<string, number> {
  const sorted = [...events].sort((a, b) => a.ts - b.ts || b.dur! - a.dur!);
  const open: { event: TraceEvent; self: number }[] = [];
  const byKind = new Map<string, number>();
  const close = () => {
    const { event, self } = open.pop()!;
    const kind = kindOf(event);
    byKind.set(kind, (byKind.get(kind) ?? 0) + self / 1000);
  };
  for (const event of sorted) {
    while (open.length && open[open.length - 1].event.ts + open[open.length - 1].event.dur! <= event.ts) close();
    const cost = event.tdur ?? event.dur!;
    if (open.length) open[open.length - 1].self -= cost;
    open.push({ event, self: cost });
  }
  while (open.length) close();
  return byKind;
}

/** Drops calls nested in another counted call, so no time is counted twice. */
function outermost(calls: TraceEvent[]): TraceEvent[] {
  const sorted = [...calls].sort((a, b) => a.ts - b.ts || b.dur! - a.dur!);
  const kept: TraceEvent[] = [];
  let end = -Infinity;
  for (const call of sorted) {
    if (call.ts < end) continue;
    kept.push(call);
    end = call.ts + call.dur!;
  }
  return kept;
}
