// Runs in the bench page before the webview bundle: a fake VS Code API and the measuring loop.
(() => {
  const posted = [];
  let saved;
  let setStateCalls = 0;
  window.acquireVsCodeApi = () => ({
    postMessage: (message) => posted.push(message),
    getState: () => saved,
    setState: (state) => {
      setStateCalls += 1;
      saved = state;
    },
  });

  const frames = (count) =>
    new Promise((resolve) => {
      let left = count;
      const step = () => (--left <= 0 ? resolve() : requestAnimationFrame(step));
      requestAnimationFrame(step);
    });

  const heapBytes = () => (performance.memory ? performance.memory.usedJSHeapSize : 0);

  /** Records rAF deltas, long tasks and heap samples while `work` runs. */
  async function measure(work) {
    const deltas = [];
    const heap = [];
    let longTasks = 0;
    let longTaskMs = 0;
    let longestTaskMs = 0;
    const observer = new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) {
        longTasks += 1;
        longTaskMs += entry.duration;
        longestTaskMs = Math.max(longestTaskMs, entry.duration);
      }
    });
    try {
      observer.observe({ type: 'longtask', buffered: false });
    } catch {
      // longtask is unsupported in some builds; the count stays 0.
    }
    let running = true;
    let last;
    const onFrame = (time) => {
      if (last !== undefined) deltas.push(time - last);
      last = time;
      if (running) requestAnimationFrame(onFrame);
    };
    requestAnimationFrame(onFrame);
    const sampler = setInterval(() => heap.push(heapBytes()), 250);
    const started = performance.now();
    await work();
    await frames(3);
    const elapsedMs = performance.now() - started;
    running = false;
    clearInterval(sampler);
    observer.disconnect();
    heap.push(heapBytes());
    return {
      deltas,
      heap,
      longTasks,
      longTaskMs,
      longestTaskMs,
      elapsedMs,
      domNodes: document.getElementsByTagName('*').length,
    };
  }

  function send(message) {
    window.postMessage(message, '*');
  }

  /** Posts `tokens` deltas at `rate` per second, each a slice of `sample` (cycled). */
  function stream({ chatId, tokens, rate, sample }) {
    return new Promise((resolve) => {
      const started = performance.now();
      let sent = 0;
      let offset = 0;
      const tick = () => {
        const due = Math.min(tokens, Math.floor(((performance.now() - started) / 1000) * rate));
        while (sent < due) {
          const size = 3 + (sent % 3);
          let text = sample.slice(offset, offset + size);
          offset += size;
          if (offset >= sample.length) offset = 0;
          if (text === '') text = ' ';
          send({ type: 'did-stream-text', chatId, text });
          sent += 1;
        }
        if (sent >= tokens) resolve();
        else setTimeout(tick, 4);
      };
      tick();
    });
  }

  window.__bench = {
    posted,
    frames,
    heapBytes,
    setStateCalls: () => setStateCalls,
    load: (messages) =>
      measure(async () => {
        for (const message of messages) send(message);
        await frames(2);
      }),
    stream: (options) => measure(() => stream(options)),
  };
})();
