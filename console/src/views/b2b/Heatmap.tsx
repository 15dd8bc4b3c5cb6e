import { HeatmapChart } from 'echarts/charts';
import { GridComponent, TooltipComponent, VisualMapComponent } from 'echarts/components';
import { init, use, type EChartsType } from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';
import { humanise } from '../../ui/format';

// Only the parts of ECharts the heatmap needs, so the chunk stays small.
use([HeatmapChart, GridComponent, TooltipComponent, VisualMapComponent, SVGRenderer]);

const STATUS_ORDER = ['CREATED', 'PAID', 'PICKED', 'PACKED', 'OUTBOUND', 'FIRST_SCAN', 'OUT_FOR_DELIVERY', 'SIGNED', 'DELIVERY_REFUSED', 'CANCELLED'];

export function Heatmap({ cells, label }: { cells: ReadonlyArray<{ status: string; hour: string; orders: number }>; label: string }) {
  const element = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!element.current) return undefined;
    const chart: EChartsType = init(element.current, undefined, { renderer: 'svg' });
    // Every hour between the first and the last step, so quiet hours show as gaps rather than vanish.
    const times = cells.map((cell) => Date.parse(cell.hour));
    const first = Math.min(...times);
    const span = Math.min(168, Math.round((Math.max(...times) - first) / 3_600_000) + 1);
    const hours = Array.from({ length: span }, (_, i) => new Date(first + i * 3_600_000).toISOString());
    const column = (hour: string) => Math.round((Date.parse(hour) - first) / 3_600_000);
    const statuses = [...new Set(cells.map((cell) => cell.status))].sort((a, b) => rank(a) - rank(b));
    const max = Math.max(1, ...cells.map((cell) => cell.orders));
    chart.setOption({
      aria: { enabled: true, label: { description: label } },
      tooltip: { position: 'top' },
      grid: { left: 130, right: 20, top: 10, bottom: 70 },
      xAxis: {
        type: 'category',
        data: hours.map((hour) => new Date(hour).toLocaleString(undefined, { month: 'short', day: 'numeric', hour: '2-digit' })),
        splitArea: { show: true },
      },
      yAxis: { type: 'category', data: statuses.map(humanise), splitArea: { show: true } },
      visualMap: { min: 0, max, calculable: true, orient: 'horizontal', left: 'center', bottom: 0, inRange: { color: ['#e8f1fb', '#1f5fa8'] } },
      series: [
        {
          type: 'heatmap',
          data: cells.map((cell) => [column(cell.hour), statuses.indexOf(cell.status), cell.orders]),
          label: { show: true },
        },
      ],
    });
    const resize = () => chart.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      chart.dispose();
    };
  }, [cells, label]);
  return <div ref={element} className="heatmap" role="img" aria-label={label} data-testid="heatmap-chart" />;
}

function rank(status: string) {
  const index = STATUS_ORDER.indexOf(status);
  return index === -1 ? STATUS_ORDER.length : index;
}
