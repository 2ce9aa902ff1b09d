import type { BarSeriesOption } from 'echarts/charts';
import { BarChart as EChartsBar } from 'echarts/charts';
import type { GridComponentOption, LegendComponentOption, TooltipComponentOption } from 'echarts/components';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { type ComposeOption, init, use } from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { useEffect, useRef, useState } from 'react';

// Only what the dashboard draws: bars on a grid with a legend and a tooltip, as SVG (crisp at any
// zoom, and no canvas to size). The rest of ECharts stays out of the chunk.
use([EChartsBar, GridComponent, LegendComponent, TooltipComponent, SVGRenderer]);

/** The ECharts options the dashboard uses. */
type ChartOption = ComposeOption<
  BarSeriesOption | GridComponentOption | LegendComponentOption | TooltipComponentOption
>;

/** One series of bars: its name, colour, and per category the value to plot and the text to show. */
export interface BarSeries {
  /** Legend name, e.g. 成交金额. */
  name: string;
  /** Bar colour (with at least 3:1 contrast on white); the legend and tooltip name it in words too. */
  color: string;
  /** Values to plot, one per category (万元 as numbers, only for the bar lengths). */
  values: number[];
  /** The exact texts the tooltip shows, one per category (the API's figures, formatted). */
  texts: string[];
}

/** Props of {@link BarChart}. */
export interface BarChartProps {
  /** What the chart shows, for screen readers (the table below it carries the numbers). */
  label: string;
  /** Category names along the axis. */
  categories: string[];
  /** The series, stacked when `stacked`. */
  series: BarSeries[];
  /** Stacks the series into one bar per category (成交 + 节约 = 预算). */
  stacked?: boolean;
  /** Bars run left to right with the categories down the side (long names such as units). */
  horizontal?: boolean;
  /** Extra tooltip lines per category, e.g. 节约率. */
  notes?: string[];
}

/** Below this width (px) a chart is on a phone: wrapped names, fewer ticks. */
const NARROW_PX = 520;

/** Escapes text for the tooltip's HTML (unit names are typed by people). */
function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Builds the ECharts option of a bar chart. */
function buildOption(props: BarChartProps, narrow: boolean): ChartOption {
  const { categories, series, stacked, horizontal, notes } = props;
  const categoryAxis = {
    type: 'category' as const,
    data: categories,
    inverse: horizontal === true,
    axisLabel: {
      color: '#434343',
      hideOverlap: true,
      // Long names (purchasing units) wrap beside horizontal bars instead of eating the plot.
      ...(horizontal ? { interval: 0, width: narrow ? 84 : 180, overflow: 'break' as const } : {}),
    },
  };
  const valueAxis = {
    type: 'value' as const,
    name: '万元',
    nameTextStyle: { color: '#434343' },
    axisLabel: { color: '#434343', hideOverlap: true },
    ...(narrow && horizontal ? { splitNumber: 2 } : {}),
  };
  return {
    animationDuration: 300,
    legend: { top: 0, textStyle: { color: '#262626' } },
    grid: { left: 8, right: 24, top: 40, bottom: 8 },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      formatter: (params) => {
        const list = Array.isArray(params) ? params : [params];
        const index = list[0]?.dataIndex ?? 0;
        const lines = series.map(
          (s) =>
            `<span style="display:inline-block;width:10px;height:10px;margin-right:6px;background:${s.color}"></span>${escapeHtml(s.name)}：${escapeHtml(s.texts[index] ?? '')}`,
        );
        const note = notes?.[index];
        return [
          `<b>${escapeHtml(categories[index] ?? '')}</b>`,
          ...lines,
          ...(note ? [escapeHtml(note)] : []),
        ].join('<br/>');
      },
    },
    xAxis: horizontal ? valueAxis : categoryAxis,
    yAxis: horizontal ? categoryAxis : valueAxis,
    series: series.map((s) => ({
      type: 'bar' as const,
      name: s.name,
      data: s.values,
      itemStyle: { color: s.color },
      barMaxWidth: 36,
      ...(stacked ? { stack: 'total' } : {}),
    })),
  };
}

/**
 * A bar chart drawn by Apache ECharts, resized with its container (a window resize, a phone turned).
 *
 * The chart is a picture for the eye: it carries an aria label, and the table under it gives every
 * figure, so nothing is only in the drawing.
 */
export function BarChart(props: BarChartProps) {
  const container = useRef<HTMLDivElement>(null);
  const chart = useRef<ReturnType<typeof init> | null>(null);
  const [narrow, setNarrow] = useState(false);
  const rows = props.categories.length;
  const height = props.horizontal ? Math.max(200, rows * 48 + 72) : 320;

  useEffect(() => {
    const element = container.current;
    if (!element) return;
    const instance = init(element, undefined, { renderer: 'svg' });
    chart.current = instance;
    const resize = () => {
      instance.resize();
      setNarrow(element.clientWidth < NARROW_PX);
    };
    // A window resize changes the container's width; the observer also sees layout changes.
    const observer = new ResizeObserver(resize);
    observer.observe(element);
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);

  // Redraw only when the figures change, not on every render of the page.
  const figures = JSON.stringify([
    props.categories,
    props.series,
    props.stacked,
    props.horizontal,
    props.notes,
  ]);
  const latest = useRef(props);
  latest.current = props;
  useEffect(() => {
    void figures;
    chart.current?.setOption(buildOption(latest.current, narrow), { notMerge: true });
  }, [figures, narrow]);

  return (
    <div
      ref={container}
      role="img"
      aria-label={props.label}
      className="dashboard-chart"
      style={{ width: '100%', height }}
    />
  );
}
