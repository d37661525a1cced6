// The investigator's link chart: the graph (ECharts' force layout), the timeline and the map of cell sectors,
// drawn from the chart the server built (the tables beside each picture hold the same facts).
(function () {
  'use strict';
  const data = JSON.parse(document.getElementById('chart-data').textContent);
  const labels = JSON.parse(document.getElementById('chart-labels').textContent);
  const kinds = ['CASE', 'WEAPON', 'LOT', 'UNIT', 'PERSON', 'PHONE', 'PLACE'];
  const colours = ['#6c757d', '#a4161a', '#a4161a', '#3d5a80', '#0b5394', '#2a9d8f', '#e9c46a'];
  const init = (id) => echarts.init(document.getElementById(id), null, { renderer: 'svg' });

  const graph = init('graph');
  graph.setOption({
    tooltip: { formatter: (p) => p.dataType === 'edge'
      ? labels['edge.' + p.data.kind] + (p.data.detail ? ' · ' + p.data.detail : '')
      : labels['node.' + p.data.kind] + ': ' + p.data.name },
    legend: { data: kinds.map((k) => labels['node.' + k]), top: 0 },
    color: colours,
    series: [{
      type: 'graph', layout: 'force', roam: true, draggable: true, top: 40,
      force: { repulsion: 160, edgeLength: 70 },
      categories: kinds.map((k) => ({ name: labels['node.' + k] })),
      label: { show: true, position: 'right', fontSize: 10 },
      data: data.nodes.map((n) => ({ id: n.id, name: n.label, kind: n.kind, category: kinds.indexOf(n.kind),
        symbolSize: n.kind === 'PHONE' ? 12 : 18 })),
      links: data.edges.map((e) => ({ source: e.source, target: e.target, kind: e.kind, detail: e.label,
        lineStyle: { width: e.kind === 'MEETING' ? 3 : 1, type: e.kind === 'MEETING' ? 'dashed' : 'solid' } }))
    }]
  });

  const timeline = init('timeline');
  const edgeKinds = [...new Set(data.timeline.map((m) => m.kind))];
  timeline.setOption({
    tooltip: { formatter: (p) => p.data.label },
    grid: { left: 140, right: 20 },
    xAxis: { type: 'time' },
    yAxis: { type: 'category', data: edgeKinds.map((k) => labels['edge.' + k]) },
    series: [{ type: 'scatter', symbolSize: 10,
      data: data.timeline.map((m) => ({ value: [m.at, labels['edge.' + m.kind]], label: m.label })) }]
  });

  const map = init('cells');
  fetch('/dashboards/geo/states.json').then((r) => r.json()).then((geo) => {
    echarts.registerMap('mx', geo);
    const lons = data.places.map((p) => p.longitude);
    const lats = data.places.map((p) => p.latitude);
    const centre = lons.length ? [(Math.min(...lons) + Math.max(...lons)) / 2, (Math.min(...lats) + Math.max(...lats)) / 2]
      : [-99.5, 19.4];
    map.setOption({
      tooltip: { formatter: (p) => p.data && p.data.label ? p.data.label : '' },
      geo: { map: 'mx', roam: true, center: centre, zoom: lons.length ? 25 : 1,
        itemStyle: { areaColor: '#f1f3f5', borderColor: '#adb5bd' } },
      series: [
        { type: 'lines', coordinateSystem: 'geo', polyline: true, silent: false,
          lineStyle: { color: '#0b5394', width: 2, opacity: 0.8 },
          data: data.places.map((p) => ({ coords: p.area, label: p.label })) },
        { type: 'scatter', coordinateSystem: 'geo', symbolSize: 6, itemStyle: { color: '#a4161a' },
          data: data.places.map((p) => ({ value: [p.longitude, p.latitude], label: p.label })) }
      ]
    });
  });
  window.addEventListener('resize', () => { graph.resize(); timeline.resize(); map.resize(); });
}());
