// A series' members on the map of Mexico (states from the dashboards' offline geography). Plain JavaScript.
(() => {
  const holder = document.getElementById('series-map');
  const data = JSON.parse(document.getElementById('series-data').textContent || '[]');
  if (!holder || data.length === 0 || typeof echarts === 'undefined') {
    return;
  }
  fetch('/dashboards/geo/states.json', { credentials: 'same-origin' })
    .then((r) => r.json())
    .then((geo) => {
      echarts.registerMap('mx', geo);
      const chart = echarts.init(holder);
      chart.setOption({
        tooltip: { trigger: 'item', formatter: (p) => echarts.format.encodeHTML(p.data.label) },
        geo: { map: 'mx', roam: true, itemStyle: { areaColor: '#eef1f4', borderColor: '#9aa5b1' } },
        series: [{
          type: 'scatter',
          coordinateSystem: 'geo',
          symbolSize: 12,
          itemStyle: { color: '#b3261e' },
          data: data.map((d) => ({ value: [d.lon, d.lat], label: d.label })),
        }],
      });
      holder.dataset.mapReady = 'true';
      window.addEventListener('resize', () => chart.resize());
    });
})();
