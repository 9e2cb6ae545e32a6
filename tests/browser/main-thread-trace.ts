import type { BrowserContext, Page } from 'playwright-core';

/**
 * From the next navigation on, marks on the page's main thread the first
 * start, progress and end of a refresh it hears of (performance marks
 * `refresh-start`, `refresh-progress`, `refresh-done`, which the trace holds).
 */
export async function markRefreshes(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    new BroadcastChannel('bao-sync').addEventListener('message', (event: MessageEvent<{ type: string }>) => {
      const name = `refresh-${event.data.type}`;
      if (performance.getEntriesByName(name).length === 0) performance.mark(name);
    });
  });
}

/** One task of a page's main thread. */
export interface MainThreadTask {
  /** Milliseconds the thread worked in it: what the page's code costs, whatever else the machine runs. */
  cpu: number;
  /** Milliseconds from its start to its end: the same plus any time the machine gave other processes. */
  wall: number;
  /**
   * The longest event the trace shows inside it, with its function and script
   * where it has them (script run from a promise's continuation shows only
   * as the garbage collections it caused).
   */
  what: string;
  /** When it started and ended, in the trace's microseconds (as `marks`). */
  start: number;
  end: number;
  /** The renderer's process and thread. */
  thread: string;
}

/** A performance.mark() the page made: when, in the trace's microseconds, and on which thread. */
export interface TraceMark {
  ts: number;
  thread: string;
}

export interface MainThreadTrace {
  /** Every task of the page's main thread, most work first. */
  tasks: MainThreadTask[];
  /** The first performance.mark() of each name the page made. */
  marks: Map<string, TraceMark>;
}

/**
 * The tasks of the thread that made the mark `from` (the page's main thread,
 * not another renderer's) that ran at least partly between it and the mark
 * `to` (to the trace's end if that is missing).
 */
export function tasksBetween(trace: MainThreadTrace, from: string, to: string): MainThreadTask[] {
  const start = trace.marks.get(from);
  if (start === undefined) throw new Error(`no mark ${from} in the trace`);
  const end = trace.marks.get(to)?.ts ?? Infinity;
  return trace.tasks.filter((task) => task.thread === start.thread && task.end >= start.ts && task.start <= end);
}

interface TraceEvent {
  ph: string;
  cat?: string;
  name: string;
  pid: number;
  tid: number;
  /** Microseconds on the clock: its start, its length, and its length in the thread's own time. */
  ts: number;
  dur?: number;
  tdur?: number;
  args?: { name?: string; data?: { functionName?: string; url?: string } };
}

/** The outermost event inside `task` on its thread, named with its function and script. */
function describe(task: TraceEvent, inside: TraceEvent[]): string {
  const end = task.ts + (task.dur ?? 0);
  const outer = inside
    .filter((e) => e.ts >= task.ts && e.ts + (e.dur ?? 0) <= end)
    .reduce<TraceEvent | undefined>((best, e) => ((e.dur ?? 0) > (best?.dur ?? -1) ? e : best), undefined);
  if (!outer) return 'RunTask';
  const data = outer.args?.data;
  const where = [data?.functionName, data?.url?.split('/').pop()].filter(Boolean).join(' ');
  return where ? `${outer.name} ${where}` : outer.name;
}

/**
 * Runs `action` under Chromium's tracing and returns the tasks of every
 * renderer's main thread meanwhile (a navigation may change process, and the
 * browser may start others), in the thread's own time and on the clock (what a
 * PerformanceObserver 'longtask' entry measures). On the clock a task is its
 * work plus whatever time the machine gave other processes meanwhile: on a
 * shared 2-core machine 20 ms of work has spanned 200–600 ms.
 */
export async function traceMainThread(page: Page, action: () => Promise<void>): Promise<MainThreadTrace> {
  const cdp = await page.context().newCDPSession(page);
  const events: TraceEvent[] = [];
  cdp.on('Tracing.dataCollected', ({ value }) => events.push(...(value as unknown as TraceEvent[])));
  const complete = new Promise<void>((resolve) => cdp.once('Tracing.tracingComplete', () => resolve()));
  await cdp.send('Tracing.start', {
    traceConfig: { includedCategories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'blink.user_timing', '__metadata'] },
    transferMode: 'ReportEvents',
  });
  try {
    await action();
  } finally {
    await cdp.send('Tracing.end');
    await complete;
    await cdp.detach();
  }
  const main = new Set(
    events.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`),
  );
  const onMain = events.filter((e) => e.ph === 'X' && main.has(`${e.pid}:${e.tid}`));
  const byThread = new Map<string, TraceEvent[]>();
  for (const e of onMain) {
    if (e.name === 'RunTask') continue;
    const key = `${e.pid}:${e.tid}`;
    const list = byThread.get(key) ?? [];
    list.push(e);
    byThread.set(key, list);
  }
  const tasks = onMain
    .filter((e) => e.name === 'RunTask')
    .map((task) => ({
      cpu: Math.round((task.tdur ?? 0) / 1000),
      wall: Math.round((task.dur ?? 0) / 1000),
      task,
    }))
    .sort((a, b) => b.cpu - a.cpu);
  const marks = new Map<string, TraceMark>();
  for (const e of events) if (e.cat === 'blink.user_timing' && !marks.has(e.name)) marks.set(e.name, { ts: e.ts, thread: `${e.pid}:${e.tid}` });
  return {
    tasks: tasks.map(({ cpu, wall, task }, i) => ({
      cpu,
      wall,
      // Naming costs a pass over the thread's events: only the longest few are named.
      what: i < 10 ? describe(task, byThread.get(`${task.pid}:${task.tid}`) ?? []) : 'RunTask',
      start: task.ts,
      end: task.ts + (task.dur ?? 0),
      thread: `${task.pid}:${task.tid}`,
    })),
    marks,
  };
}
