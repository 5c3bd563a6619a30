// The edgesplit demo dashboard: polls /api/snapshot (DashboardSnapshot as JSON) once a second and
// draws it with ECharts. No framework, no build step. Sets data-state on <body> and data-points /
// data-max on the throughput chart so tests can tell when it has data.
'use strict';

(function () {
  const POLL_MS = 1000;
  const RETRY_MS = 2000;
  const COLORS = { ok: '#2f9e5b', warn: '#e09a1a', bad: '#d64545', dead: '#7b8794',
                   blue: '#2d6cdf', purple: '#8e44ad', amber: '#c27c0e', teal: '#138d90' };
  const PALETTE = ['#2d6cdf', '#2f9e5b', '#e09a1a', '#d64545', '#8e44ad', '#138d90', '#c27c0e',
                   '#5c6bc0', '#ec407a', '#7cb342', '#8d6e63', '#26a69a', '#ab47bc', '#ffa726',
                   '#78909c', '#29b6f6', '#1f2933'];
  const charts = {};

  const el = (id) => document.getElementById(id);
  const pairs = (t, v) => t.map((x, i) => [x, v[i]]);
  const num = (v, digits) => (v === null || v === undefined ? '–' : v.toFixed(digits));
  const count = (v) => (v === null || v === undefined ? '–' : v.toLocaleString('en-US'));

  function chart(id) {
    if (!charts[id]) {
      charts[id] = echarts.init(el(id), null, { renderer: 'canvas' });
    }
    return charts[id];
  }

  // the time axis ends at a round number of seconds past the last point
  function axisEnd(v) {
    const step = v.max <= 60 ? 5 : v.max <= 600 ? 30 : 300;
    return Math.max(10, Math.ceil(v.max / step) * step);
  }

  function timeChart(id, t, unit, series, digits, streamStartS) {
    const colors = series.map((s) => s.color).filter((c) => c);
    const mark = streamStartS === null || streamStartS === undefined ? undefined : {
      silent: true, symbol: 'none', lineStyle: { color: '#9aa5b1', type: 'dashed' },
      label: { formatter: 'frames start', position: 'insideEndTop', color: '#66788a', fontSize: 10 },
      data: [{ xAxis: streamStartS }],
    };
    chart(id).setOption({
      animation: false,
      color: colors.length ? colors : PALETTE,
      grid: { left: 48, right: 18, top: 30, bottom: 42 },
      tooltip: { trigger: 'axis', valueFormatter: (v) => num(v, digits) + ' ' + unit },
      legend: { type: 'scroll', top: 0, left: 40, right: 0, textStyle: { fontSize: 11 } },
      xAxis: { type: 'value', name: 'seconds since the demo started', nameLocation: 'middle', nameGap: 24,
               min: 0, max: axisEnd, splitLine: { show: false }, nameTextStyle: { color: '#66788a' } },
      yAxis: { type: 'value', min: 0, axisLabel: { formatter: (v) => +v.toPrecision(3) } },
      series: series.map((s, i) => ({
        name: s.name, type: 'line', showSymbol: false, connectNulls: false,
        lineStyle: { width: 2 }, areaStyle: s.area ? { opacity: 0.12 } : undefined,
        markLine: i === 0 ? mark : undefined,
        data: pairs(t, s.values),
      })),
    }, { replaceMerge: ['series'] });
  }

  function barChart(id, dist, color, xName) {
    chart(id).setOption({
      animation: false,
      grid: { left: 48, right: 18, top: 24, bottom: 42 },
      tooltip: { trigger: 'axis' },
      xAxis: { type: 'category', name: xName, nameLocation: 'middle', nameGap: 24, data: dist.labels,
               nameTextStyle: { color: '#66788a' } },
      yAxis: { type: 'value', minInterval: 1 },
      series: [{ type: 'bar', barMaxWidth: 36, itemStyle: { color: color }, data: dist.counts,
                 label: { show: dist.labels.length <= 12, position: 'top', fontSize: 11 } }],
    });
  }

  function render(s) {
    const tot = s.totals;
    const ser = s.series;
    document.body.dataset.state = s.state;
    el('state').textContent = s.state;
    el('title').textContent = s.title;
    el('description').textContent = s.description;
    el('elapsed').textContent = num(s.elapsedS, 0) + ' s';
    // the Flink web UI lives only as long as the demo's MiniCluster
    if (s.flinkUi) {
      el('flink').href = s.flinkUi;
    }
    el('flink').hidden = !s.flinkUi || s.state === 'finished';

    el('t-outcomes').textContent = count(tot.outcomes) + (s.expectedOutcomes ? ' / ' + count(s.expectedOutcomes) : '');
    el('t-ok').textContent = count(tot.ok);
    el('t-skipped').textContent = count(tot.skipped);
    el('t-failed').textContent = count(tot.failed);
    el('t-dead').textContent = count(tot.deadLetters);
    el('t-rate').textContent = num(tot.framesPerS, 1);
    el('t-latency').textContent = num(tot.p50Ms, 1) + ' / ' + num(tot.p95Ms, 1);
    el('t-energy').textContent = num(tot.joulesPerFrame, 3);
    el('t-decisions').textContent = count(tot.decisions);

    timeChart('throughput', ser.t, 'frames/s', [
      { name: 'OK', values: ser.okPerS, color: COLORS.ok, area: true },
      { name: 'skipped + failed', values: ser.notOkPerS, color: COLORS.warn },
    ], 1, s.streamStartS);
    timeChart('latency', ser.t, 'ms', [
      { name: 'p50', values: ser.p50Ms, color: COLORS.blue },
      { name: 'p95', values: ser.p95Ms, color: COLORS.purple },
    ], 1);
    timeChart('energy', ser.t, 'J', [
      { name: 'J/frame', values: ser.joulesPerFrame, color: COLORS.amber, area: true },
    ], 3);
    timeChart('compute', ser.t, 'ms', ser.backlogs.map((b) => ({ name: b.device, values: b.computeMs })), 1);
    timeChart('uplink', ser.t, 'kbit', ser.backlogs.map((b) => ({ name: b.device, values: b.uplinkKbit })), 1);

    chart('outcomes').setOption({
      animation: false,
      grid: { left: 48, right: 18, top: 24, bottom: 42 },
      tooltip: { trigger: 'axis' },
      xAxis: { type: 'category', data: ['OK', 'skipped', 'failed', 'dead letters'] },
      yAxis: { type: 'value', minInterval: 1 },
      series: [{ type: 'bar', barMaxWidth: 48, label: { show: true, position: 'top', fontSize: 11 },
                 data: [
                   { value: tot.ok, itemStyle: { color: COLORS.ok } },
                   { value: tot.skipped, itemStyle: { color: COLORS.warn } },
                   { value: tot.failed, itemStyle: { color: COLORS.bad } },
                   { value: tot.deadLetters, itemStyle: { color: COLORS.dead } },
                 ] }],
    });
    barChart('cuts', s.cuts, COLORS.blue, 'cut index');
    barChart('clocks', s.gpuClocksMhz, COLORS.teal, 'GPU clock, MHz');
    barChart('batch', s.batchSizes, COLORS.purple, 'frames in the batch');

    const tp = el('throughput');
    tp.dataset.points = String(ser.t.length);
    tp.dataset.max = String(Math.max(0, ...ser.okPerS.filter((v) => v !== null)));

    if (s.summary) {
      el('summary').textContent = s.summary;
      el('summary-box').hidden = false;
    }
  }

  async function poll() {
    let next = POLL_MS;
    try {
      const response = await fetch('/api/snapshot', { cache: 'no-store' });
      if (!response.ok) {
        throw new Error('HTTP ' + response.status);
      }
      const snapshot = await response.json();
      render(snapshot);
      if (snapshot.state === 'finished') {
        return; // nothing changes any more
      }
    } catch (e) {
      document.body.dataset.state = 'disconnected';
      el('state').textContent = 'disconnected';
      el('state').title = String(e);
      next = RETRY_MS;
    }
    setTimeout(poll, next);
  }

  window.addEventListener('resize', () => Object.values(charts).forEach((c) => c.resize()));
  poll();
})();
