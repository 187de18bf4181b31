/**
 * The runtime of a Grove LMS package (`npm run export -- scorm|cmi5`): a classic script, first in each
 * lesson's head, so it runs before the progress script. It lends the progress script (progress.ts,
 * through `window.groveLms`) the LMS's record of this lesson and a listener for every change.
 *
 * SCORM (`data-lms="scorm"`, `data-scorm="1.2"` or `"2004"`): it finds the LMS's SCORM API; each lesson
 * is a SCO of its own:
 *
 * - completed → `cmi.core.lesson_status` `completed`, or `passed` when every knowledge-check question is
 *   right (1.2); `cmi.completion_status` `completed` and `cmi.success_status` (2004);
 * - knowledge check → score: raw 0–100 (and scaled 0–1 in 2004), the share of questions right;
 * - where the reader is → location (the id of the last heading scrolled past); the lesson's progress
 *   record (answers, completion) → `cmi.suspend_data`; on the next launch (`entry` = `resume`) both
 *   come back.
 *
 * cmi5 (`data-lms="cmi5"`): each lesson is an AU. With the launch parameters in its URL it starts a
 * session with @xapi/cmi5 (loaded before it, as the global `Cmi5`), which sends `initialized`; then
 * `completed` when the lesson is, `passed` (every question right) or `failed` (all answered, some
 * wrong) with the score, once each, and `terminated` when the page goes. Progress stays in the browser.
 *
 * No imports and no exports: the export command strips the types (node:module) and ships it as it is.
 * Without an API (the page opened outside an LMS) it does nothing and the page keeps its progress in the
 * browser, as on the site.
 */
(() => {
  type ScormApi = Record<string, (...args: string[]) => string>;
  interface LessonRecord {
    done?: string;
    by?: string;
    seen?: string;
    q?: Record<string, { n: number; ok: boolean; at: string; a: number[] }>;
  }
  interface Progress {
    v: number;
    lessons: Record<string, LessonRecord>;
  }

  interface Host {
    restore(progress: Progress): Progress;
    store(progress: Progress): void;
  }
  interface Cmi5Session {
    initialize(): Promise<unknown>;
    complete(): Promise<unknown>;
    pass(score: object): Promise<unknown>;
    fail(score: object): Promise<unknown>;
    terminate(): Promise<unknown>;
    getAuthToken(): string;
    getLaunchParameters(): { endpoint: string };
    sendXapiStatement(statement: unknown): Promise<unknown>;
  }
  interface Cmi5Class {
    new (): Cmi5Session;
    readonly isCmiAvailable: boolean;
  }

  const script = document.currentScript as HTMLScriptElement | null;
  const lessonId = () => document.querySelector<HTMLElement>('[data-lesson-progress]')?.dataset.lesson;

  /** How the lesson's knowledge check stands: questions on the page, answered, right. */
  const standing = (record: LessonRecord) => {
    const total = document.querySelectorAll('fieldset[data-question]').length;
    const attempts = Object.values(record.q ?? {});
    const right = Math.min(total, attempts.filter((a) => a.ok).length);
    const answered = Math.min(total, attempts.length);
    const passed = total > 0 && right === total;
    return { total, right, answered, passed, failed: total > 0 && answered === total && !passed, scaled: total ? Math.round((1000 * right) / total) / 1000 : 0 };
  };

  const host = script?.dataset.lms === 'cmi5' ? cmi5Host() : scormHost();
  if (host) (window as unknown as { groveLms: Host }).groveLms = host;

  function scormHost(): Host | undefined {
    const v12 = script?.dataset.scorm !== '2004';
    const apiName = v12 ? 'API' : 'API_1484_11';

    // The standard's search (SCORM RTE, "API discovery"): up the parent frames, then the opener's, at most
    // 500 levels; a frame of another origin throws and ends that walk.
    const look = (start: Window | null): ScormApi | undefined => {
      let win = start;
      for (let depth = 0; win && depth < 500; depth++) {
        try {
          const api = (win as unknown as Record<string, ScormApi | undefined>)[apiName];
          if (api) return api;
        } catch {
          return undefined;
        }
        if (win.parent === win) break;
        win = win.parent;
      }
      return undefined;
    };
    const api = look(window) ?? look(window.opener as Window | null);
    if (!api) {
      console.info(`Grove: no SCORM ${v12 ? '1.2' : '2004'} API (${apiName}) found; progress stays in this browser.`);
      return undefined;
    }

    const call = (v12name: string, name: string, ...args: string[]) => String(api[v12 ? v12name : name]?.(...args) ?? '');
    const get = (el: string) => call('LMSGetValue', 'GetValue', el);
    const set = (el: string, value: string) => call('LMSSetValue', 'SetValue', el, value);
    const names = v12
      ? { location: 'cmi.core.lesson_location', entry: 'cmi.core.entry', exit: 'cmi.core.exit', score: 'cmi.core.score', time: 'cmi.core.session_time' }
      : { location: 'cmi.location', entry: 'cmi.entry', exit: 'cmi.exit', score: 'cmi.score', time: 'cmi.session_time' };

    if (call('LMSInitialize', 'Initialize', '') !== 'true') {
      console.warn(`Grove: the LMS refused to start this lesson (error ${call('LMSGetLastError', 'GetLastError')}).`);
      return undefined;
    }
    const started = Date.now();
    let open = true;

    const restore = (progress: Progress): Progress => {
      const id = lessonId();
      if (!id) return progress;
      const lessons = { ...progress.lessons };
      let record: LessonRecord | undefined;
      try {
        const saved = JSON.parse(get('cmi.suspend_data') || '{}') as LessonRecord;
        if (saved && typeof saved === 'object') record = saved;
      } catch {
        record = undefined;
      }
      const status = get(v12 ? 'cmi.core.lesson_status' : 'cmi.completion_status');
      if (!record?.done && (status === 'completed' || status === 'passed')) record = { ...record, done: new Date().toISOString(), by: 'button' };
      // The LMS's attempt is the truth for this lesson: a new attempt starts it afresh.
      if (record && Object.keys(record).length > 0) lessons[id] = record;
      else delete lessons[id];
      const location = get(names.location);
      if (location && get(names.entry) === 'resume') requestAnimationFrame(() => document.getElementById(location)?.scrollIntoView());
      return { ...progress, lessons };
    };

    const store = (progress: Progress): void => {
      const id = lessonId();
      if (!id || !open) return;
      const record = progress.lessons[id] ?? {};
      const { total, right, answered, passed, failed, scaled } = standing(record);
      if (v12) set('cmi.core.lesson_status', record.done ? (passed ? 'passed' : 'completed') : failed ? 'failed' : 'incomplete');
      else {
        set('cmi.completion_status', record.done ? 'completed' : 'incomplete');
        set('cmi.success_status', passed ? 'passed' : failed ? 'failed' : 'unknown');
      }
      if (total > 0 && answered > 0) {
        set(`${names.score}.min`, '0');
        set(`${names.score}.max`, '100');
        set(`${names.score}.raw`, String(Math.round((100 * right) / total)));
        if (!v12) set('cmi.score.scaled', String(scaled));
      }
      // SCORM 1.2 keeps 4,096 characters of suspend data (2004: 64,000); past that, the answers give way to the completion.
      const data = JSON.stringify(record);
      set('cmi.suspend_data', data.length <= (v12 ? 4096 : 64000) ? data : JSON.stringify({ done: record.done, by: record.by }));
      call('LMSCommit', 'Commit', '');
    };

    // Where the reader is: the last heading above the top of the window, written at most once a second.
    let timer = 0;
    const place = () => {
      timer = 0;
      let at = '';
      for (const h of document.querySelectorAll<HTMLElement>('main :is(h2, h3)[id], main fieldset[data-question][id]')) {
        if (h.getBoundingClientRect().top > 80) break;
        at = h.id;
      }
      if (open && at && at !== get(names.location)) {
        set(names.location, at);
        call('LMSCommit', 'Commit', '');
      }
    };
    addEventListener('scroll', () => (timer ||= window.setTimeout(place, 1000)), { passive: true });

    const duration = (ms: number) => {
      const s = Math.round(ms / 1000);
      if (!v12) return `PT${s}S`;
      const pad = (n: number) => String(n).padStart(2, '0');
      return `${String(Math.floor(s / 3600)).padStart(4, '0')}:${pad(Math.floor(s / 60) % 60)}:${pad(s % 60)}`;
    };
    const finish = () => {
      if (!open) return;
      if (timer) place();
      set(names.time, duration(Date.now() - started));
      // Suspended, so the LMS hands back the location and the answers next time.
      set(names.exit, 'suspend');
      call('LMSCommit', 'Commit', '');
      call('LMSFinish', 'Terminate', '');
      open = false;
    };
    addEventListener('pagehide', finish);
    return { restore, store };
  }

  function cmi5Host(): Host | undefined {
    const Cmi5 = (window as unknown as { Cmi5?: Cmi5Class }).Cmi5;
    if (!Cmi5?.isCmiAvailable) {
      console.info('Grove: no cmi5 launch parameters in the address; progress stays in this browser.');
      return undefined;
    }
    const cmi5 = new Cmi5();
    const sent = { completed: false, passed: false, failed: false };
    let ready = false;
    // One statement after another, in the order they happen: cmi5 requires initialized first.
    let queue: Promise<unknown> = cmi5.initialize().then(() => (ready = true));
    const send = (what: () => Promise<unknown>) => {
      queue = queue.then(what).catch((err: unknown) => console.warn('Grove: the LRS refused a statement.', err));
    };
    const store = (progress: Progress) => {
      const id = lessonId();
      if (!id) return;
      const record = progress.lessons[id] ?? {};
      const { total, right, passed, failed, scaled } = standing(record);
      const score = { scaled, raw: right, min: 0, max: total };
      if (record.done && !sent.completed) {
        sent.completed = true;
        send(() => cmi5.complete());
      }
      if (passed && !sent.passed) {
        sent.passed = true;
        send(() => cmi5.pass(score));
      } else if (failed && !sent.failed && !sent.passed) {
        sent.failed = true;
        send(() => cmi5.fail(score));
      }
    };
    addEventListener('pagehide', () => {
      if (!ready) return;
      ready = false;
      // The page is going: an XMLHttpRequest would be cancelled, a keepalive fetch is not.
      const endpoint = cmi5.getLaunchParameters().endpoint.replace(/\/?$/, '/');
      cmi5.sendXapiStatement = (statement: unknown) =>
        fetch(`${endpoint}statements`, {
          method: 'POST',
          keepalive: true,
          headers: { Authorization: `Basic ${cmi5.getAuthToken()}`, 'X-Experience-API-Version': '1.0.3', 'Content-Type': 'application/json' },
          body: JSON.stringify(statement),
        });
      void cmi5.terminate();
    });
    return { restore: (progress) => progress, store };
  }
})();
