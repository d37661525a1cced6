// Rastro dashboards: draws the figures the server put in #dashboard-data with Apache ECharts.
// The map starts with the states (offline GeoJSON); a click on a state loads its municipalities and
// their recoveries; for roles that see details, a click on a municipality opens its recoveries.
(function () {
  'use strict';
  const root = document.getElementById('dashboards');
  const data = JSON.parse(document.getElementById('dashboard-data').textContent);
  const label = (name) => data.labels[name] || name;
  // Tooltips are HTML: every value from the data (a calibre, a make, a place as typed in a trace) is text.
  const esc = (s) => String(s).replace(/[&<>"']/g,
    (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]);
  const lang = root.dataset.lang === 'en' ? 'EN' : 'ES';
  const filter = root.dataset.filter || '';
  const charts = {};
  const number = new Intl.NumberFormat(root.dataset.lang === 'en' ? 'en' : 'es-MX');

  function init(id) {
    const el = document.getElementById(id);
    if (!el) { return null; }
    const chart = echarts.init(el, null, { renderer: 'canvas', locale: lang });
    charts[id] = chart;
    return chart;
  }

  // A suppressed figure is drawn as zero and labelled "fewer than 5" in its tooltip.
  const value = (c) => (c.suppressed ? 0 : c.n);
  const tooltip = (cells) => ({
    trigger: 'item',
    formatter: (p) => {
      const c = cells[p.dataIndex];
      return c ? `${esc(c.label)}: ${esc(c.suppressed ? label('fewer') : number.format(c.n))}` : esc(p.name);
    }
  });

  function bars(id, cells, horizontal) {
    const chart = init(id);
    if (!chart) { return; }
    const names = cells.map((c) => c.label);
    const axis = { type: 'category', data: names, axisLabel: { interval: 0, width: 140, overflow: 'truncate' } };
    chart.setOption({
      grid: { left: horizontal ? 150 : 50, right: 20, top: 20, bottom: horizontal ? 30 : 80 },
      tooltip: tooltip(cells),
      xAxis: horizontal ? { type: 'value' } : Object.assign(axis, { axisLabel: { rotate: 35, interval: 0 } }),
      yAxis: horizontal ? Object.assign(axis, { inverse: true }) : { type: 'value' },
      series: [{ type: 'bar', name: label('recoveries'), data: cells.map(value), itemStyle: { color: '#0b5394' } }]
    });
  }

  bars('chart-byCountry', data.byCountry, true);
  bars('chart-byType', data.byType, true);
  bars('chart-byCalibre', data.byCalibre, true);
  bars('chart-byDiversion', data.byDiversion, true);

  const month = init('chart-byMonth');
  if (month) {
    month.setOption({
      grid: { left: 50, right: 20, top: 20, bottom: 50 },
      tooltip: tooltip(data.byMonth),
      xAxis: { type: 'category', data: data.byMonth.map((c) => c.label) },
      yAxis: { type: 'value' },
      series: [{ type: 'line', name: label('recoveries'), data: data.byMonth.map(value), areaStyle: {} }]
    });
  }

  const intervals = init('chart-intervals');
  if (intervals) {
    const buckets = data.intervals.map((i) => label('bucket.' + i.bucket));
    intervals.setOption({
      grid: { left: 50, right: 20, top: 40, bottom: 40 },
      legend: { top: 0 },
      tooltip: { trigger: 'axis' },
      xAxis: { type: 'category', data: buckets },
      yAxis: { type: 'value' },
      series: [
        { type: 'bar', name: label('fromIssue'), data: data.intervals.map((i) => i.fromIssue) },
        { type: 'bar', name: label('fromLossReport'), data: data.intervals.map((i) => i.fromLossReport) }
      ]
    });
  }

  if (data.losses) {
    for (const [id, rows] of [['chart-lossesByUnit', data.losses.byUnit], ['chart-lossesByZone', data.losses.byZone]]) {
      const chart = init(id);
      chart.setOption({
        grid: { left: 90, right: 20, top: 20, bottom: 30 },
        tooltip: {
          trigger: 'item',
          formatter: (p) => {
            const r = rows[p.dataIndex];
            return `${esc(r.key)}: ${r.lost} / ${number.format(r.weapons)} (${(100 * r.rate).toFixed(1)}%)`;
          }
        },
        xAxis: { type: 'value' },
        yAxis: { type: 'category', inverse: true, data: rows.map((r) => r.key) },
        series: [{ type: 'bar', name: label('lost'), data: rows.map((r) => r.lost), itemStyle: { color: '#a4161a' } }]
      });
    }
  }

  const victims = init('chart-victims');
  if (victims) {
    victims.setOption({
      grid: { left: 50, right: 20, top: 20, bottom: 90 },
      tooltip: { trigger: 'axis' },
      xAxis: { type: 'category', data: data.victims.map((c) => c.label), axisLabel: { rotate: 60, interval: 0 } },
      yAxis: { type: 'value' },
      series: [{ type: 'bar', name: label('victims'), data: data.victims.map((c) => c.n), itemStyle: { color: '#6c757d' } }]
    });
  }

  // The map: states first; a state's municipalities when it is clicked.
  const map = init('map');
  const back = document.getElementById('map-back');
  const list = document.getElementById('map-list');
  const detail = root.dataset.detail === 'true';

  function choropleth(mapName, cells, nameProperty) {
    const max = Math.max(1, ...cells.map(value));
    map.setOption({
      tooltip: tooltip(cells),
      visualMap: { min: 0, max: max, left: 10, bottom: 10, calculable: true, inRange: { color: ['#eef2f5', '#6fa8dc', '#0b5394', '#10263b'] } },
      series: [{
        type: 'map', map: mapName, nameProperty: nameProperty, roam: true, name: label('recoveries'),
        emphasis: { label: { show: false } },
        data: cells.map((c) => ({ name: c.key, value: value(c) }))
      }]
    }, true);
  }

  function showStates() {
    choropleth('mx', data.byState, 'cve_geo');
    back.hidden = true;
    if (list) { list.hidden = true; }
    map.off('click');
    map.on('click', (p) => showState(p.name));
  }

  function showState(state) {
    fetch(`${document.body.dataset.base || ''}/dashboards/states/${state}?${filter.replace(/^&/, '')}`, { credentials: 'same-origin' })
      .then((r) => r.json())
      .then((d) => {
        echarts.registerMap('mx-' + state, d.geo);
        // Every municipality of the state, with its recoveries or zero.
        const counts = new Map(d.byMunicipality.map((c) => [c.key, c]));
        const cells = d.geo.features.map((f) => counts.get(f.properties.cvegeo)
          || { key: f.properties.cvegeo, label: f.properties.name, n: 0, suppressed: false });
        choropleth('mx-' + state, cells, 'cvegeo');
        map.setOption({ tooltip: tooltip(cells) });
        back.hidden = false;
        if (list) {
          list.hidden = false;
          list.href = `/dashboards/recoveries?state=${state}${filter}`;
        }
        map.off('click');
        map.on('click', (p) => {
          if (detail && counts.has(p.name)) {
            window.location.href = `/dashboards/recoveries?state=${encodeURIComponent(state)}`
              + `&municipality=${encodeURIComponent(p.name)}${filter}`;
          }
        });
      });
  }

  if (map) {
    fetch('/dashboards/geo/states.json', { credentials: 'same-origin' })
      .then((r) => r.json())
      .then((geo) => {
        echarts.registerMap('mx', geo);
        showStates();
        root.dataset.mapReady = 'true';
      });
    back.addEventListener('click', showStates);
  }

  window.addEventListener('resize', () => Object.values(charts).forEach((c) => c.resize()));
  window.rastroCharts = charts;
})();
