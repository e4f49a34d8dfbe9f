// Benchmark harness shared by bridge.html and bare.html; driven by tests/bench/bench_bridge.py
// through page.evaluate. Everything here runs on the page's main thread.
(function () {
  "use strict";

  var now = function () { return performance.now(); };
  // Marks from the page and from workers share one clock: absolute epoch milliseconds.
  var absolute = function (t) { return performance.timeOrigin + t; };
  var CHANNEL = "agent-bridge-bench";

  function withTimeout(promise, ms, what) {
    var timer;
    return Promise.race([
      promise,
      new Promise(function (_, reject) {
        timer = setTimeout(function () { reject(new Error(what + " did not happen within " + ms + " ms")); }, ms);
      }),
    ]).finally(function () { clearTimeout(timer); });
  }

  // Main-thread responsiveness while something boots. Two views, because the longtask
  // observer under-reports on warm loads: a 10 ms heartbeat (a gap between ticks is how long
  // the page could not run a timer) and the longtask entries themselves.
  function startMonitor() {
    var t0 = now();
    var last = t0;
    var gaps = [];
    var timer = setInterval(function () { var t = now(); gaps.push(t - last); last = t; }, 10);
    var tasks = [];
    var observer = null;
    try {
      observer = new PerformanceObserver(function (list) { tasks.push.apply(tasks, list.getEntries()); });
      observer.observe({ type: "longtask" });
    } catch (e) { observer = null; }
    return {
      stop: async function () {
        var tEnd = now();
        clearInterval(timer);
        gaps.push(tEnd - last);  // a block just before `ready` has no tick after it
        // A longtask entry is queued after its task ended: let it arrive, then flush.
        await new Promise(function (resolve) { setTimeout(resolve, 100); });
        if (observer) { tasks.push.apply(tasks, observer.takeRecords()); observer.disconnect(); }
        var inWindow = tasks.filter(function (e) { return e.startTime + e.duration > t0 && e.startTime < tEnd; });
        return {
          maxGap: Math.max.apply(null, gaps),
          gapsOver50: gaps.filter(function (g) { return g > 50; }).length,
          ticks: gaps.length,
          longestTask: inWindow.reduce(function (m, e) { return Math.max(m, e.duration); }, 0),
          longTasks: inWindow.length,
          longtaskSupported: observer !== null,
        };
      },
    };
  }

  // Sequential round trips: each call is awaited before the next, so this is latency, not
  // throughput. Warm-up calls first (JIT, Python's caches, the first-message paths).
  async function roundTrips(call, warmup, count) {
    for (var i = 0; i < warmup; i++) await call();
    var times = new Float64Array(count);
    var tStart = now();
    for (var j = 0; j < count; j++) {
      var t = now();
      await call();
      times[j] = now() - t;
    }
    var total = now() - tStart;
    times.sort();
    var pct = function (p) { return times[Math.min(count - 1, Math.max(0, Math.ceil(p / 100 * count) - 1))]; };
    return { p50: pct(50), p90: pct(90), p99: pct(99), max: times[count - 1], mean: total / count, count: count };
  }

  function fileName(input) {
    var url = String(input && input.url ? input.url : input);
    return url.split(/[?#]/)[0].split("/").pop() || url;
  }

  // Phase timing (instrumented runs only, never the headline figures): the page's fetches,
  // the moment a worker is created, and every mark the worker-side prelude
  // (phases-prelude.mjs) records, which it sends over a BroadcastChannel when the worker
  // posts its first "ready" message. The worker is started from a blob that imports the
  // prelude and then the real worker script, so the bridge's own code runs unchanged.
  function instrumentPage(mark, timeoutMs) {
    var channel = new BroadcastChannel(CHANNEL);
    var received = new Promise(function (resolve) {
      channel.onmessage = function (event) { channel.close(); resolve(event.data); };
    });
    var realFetch = window.fetch;
    window.fetch = async function (input, init) {
      var name = fileName(input);
      mark("page: fetch " + name + " sent");
      var response = await realFetch.call(window, input, init);
      mark("page: fetch " + name + " answered");
      return response;
    };
    var RealWorker = window.Worker;
    window.Worker = function (url, options) {
      mark("page: worker created");
      var prelude = new URL("/bench/phases-prelude.mjs", location.href).href;
      var source = "import " + JSON.stringify(prelude) + ";\nimport " + JSON.stringify(new URL(String(url), location.href).href) + ";\n";
      return new RealWorker(URL.createObjectURL(new Blob([source], { type: "text/javascript" })), options);
    };
    return withTimeout(received, timeoutMs, "the worker's phase marks");
  }

  function relative(marks, origin) {
    var seen = {};
    var out = {};
    marks.sort(function (a, b) { return a[1] - b[1]; }).forEach(function (m) {
      var name = m[0];
      seen[name] = (seen[name] || 0) + 1;
      if (seen[name] > 1) name += " #" + seen[name];
      out[name] = m[1] - origin;
    });
    return out;
  }

  var STUB = { notify: function () { return 1; } };

  // For bench_frames.py's flood: how long the page could not run a timer while a frame floods it.
  window.benchMonitor = startMonitor;

  // One boot of the bridge: AgentBridge.start() -> ready, with the main-thread monitor
  // running in between; then, optionally, sequential notify() round trips.
  window.benchBridge = async function (opts) {
    var marks = [];
    var mark = function (name) { marks.push([name, absolute(now())]); };
    var workerMarks = opts.phases ? instrumentPage(mark, opts.timeoutMs) : null;
    var monitor = startMonitor();
    var t0 = now();
    mark("page: AgentBridge.start()");
    var bridge = AgentBridge.start({ operator: function () { return STUB; }, runtime: opts.runtime || "worker" });
    await withTimeout(bridge.ready, opts.timeoutMs, "bridge.ready");
    var t1 = now();
    mark("page: ready resolved");
    var result = { ready: t1 - t0, blocking: await monitor.stop(), isolated: self.crossOriginIsolated, version: bridge.version };
    if (workerMarks) result.phases = relative(marks.concat(await workerMarks), absolute(t0));
    if (opts.calls) {
      var probe = await bridge.notify("x");
      if (probe !== 1) throw new Error("notify() answered " + JSON.stringify(probe) + ", not the stub's 1");
      result.roundTrip = await roundTrips(function () { return bridge.notify("x"); }, opts.warmup, opts.calls);
    }
    window.benchBridgeInstance = bridge;  // keep it (and its worker) alive until the page goes
    return result;
  };

  // One bare Pyodide boot in a module worker: new Worker() -> its "ready" message. Then,
  // optionally, plain postMessage echo round trips as the floor a worker bridge cannot beat.
  window.benchBare = async function (opts) {
    var marks = [];
    var mark = function (name) { marks.push([name, absolute(now())]); };
    var workerMarks = opts.phases ? instrumentPage(mark, opts.timeoutMs) : null;
    var monitor = startMonitor();
    var t0 = now();
    mark("page: new Worker()");
    var worker = new Worker("/bench/bare-worker.mjs", { type: "module", name: "bare-pyodide" });
    var first = await withTimeout(new Promise(function (resolve, reject) {
      worker.onmessage = function (event) { resolve(event.data); };
      worker.onerror = function (event) { event.preventDefault(); reject(new Error("bare worker failed: " + event.message)); };
    }), opts.timeoutMs, "the bare worker's ready message");
    var t1 = now();
    mark("page: ready message received");
    if (!first || first.t !== "ready") throw new Error("bare worker: " + JSON.stringify(first));
    var result = { ready: t1 - t0, blocking: await monitor.stop(), isolated: self.crossOriginIsolated, version: first.version };
    if (workerMarks) result.phases = relative(marks.concat(await workerMarks), absolute(t0));
    if (opts.calls) {
      var echo = function () {
        return new Promise(function (resolve) { worker.onmessage = function (event) { resolve(event.data); }; worker.postMessage("x"); });
      };
      result.roundTrip = await roundTrips(echo, opts.warmup, opts.calls);
    }
    window.benchBareWorker = worker;
    return result;
  };
})();
