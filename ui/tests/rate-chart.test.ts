import { render } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import RateChart from '../src/components/RateChart.svelte';
import { niceMax, polylinePoints } from '../src/lib/chart/geometry';
import { RATE_MINUTES, RateHistory } from '../src/lib/chart/rate-history';
import { makeEvent, makeStatus } from '../src/lib/platform/fake-data';

const MINUTE = 60_000;
const NOW = 1000 * MINUTE + 30_000;

describe('RateHistory', () => {
  it('counts events per minute per endpoint over the last 30 minutes', () => {
    const history = new RateHistory();
    history.reset(
      [
        makeEvent(1, { endpoint: 'a', time: NOW - 40 * MINUTE }), // too old
        makeEvent(2, { endpoint: 'a', time: NOW - 2 * MINUTE }),
        makeEvent(3, { endpoint: 'a', time: NOW - 2 * MINUTE + 1 }),
        makeEvent(4, { endpoint: 'b', time: NOW }),
      ],
      [makeStatus('a', { events: 3 }), makeStatus('b', { events: 1 })],
    );
    const [a, b] = history.series(['a', 'b'], NOW);
    expect(a.perMinute).toHaveLength(RATE_MINUTES);
    expect(a.perMinute.at(-3)).toBe(2);
    expect(a.perMinute.reduce((sum, value) => sum + value, 0)).toBe(2);
    expect(b.perMinute.at(-1)).toBe(1);
  });

  it('adds events the shell skipped, from the endpoint counter', () => {
    const history = new RateHistory();
    history.reset([], [makeStatus('a', { events: 100 })]);
    const received = [makeEvent(1, { endpoint: 'a', time: NOW }), makeEvent(2, { endpoint: 'a', time: NOW })];
    history.record(received, [makeStatus('a', { events: 110, last_event_at: NOW })], NOW);
    expect(history.series(['a'], NOW)[0].perMinute.at(-1)).toBe(10);
    // The same counter again adds nothing.
    history.record([], [makeStatus('a', { events: 110, last_event_at: NOW })], NOW);
    expect(history.series(['a'], NOW)[0].perMinute.at(-1)).toBe(10);
  });
});

describe('chart geometry', () => {
  it('rounds the axis up', () => {
    expect([0, 1, 3, 7, 12, 80, 101].map(niceMax)).toEqual([1, 1, 5, 10, 20, 100, 200]);
  });

  it('spreads points over the width, max at the top', () => {
    expect(polylinePoints([0, 5, 10], 100, 50, 10)).toBe('0.0,50.0 50.0,25.0 100.0,0.0');
  });
});

describe('RateChart', () => {
  it('draws one line per endpoint with events, as SVG', () => {
    const series = [
      { endpoint: 'a', perMinute: Array.from({ length: RATE_MINUTES }, (_, index) => index) },
      { endpoint: 'quiet', perMinute: Array.from({ length: RATE_MINUTES }, () => 0) },
    ];
    const { container, getByText } = render(RateChart, { props: { series } });
    expect(container.querySelectorAll('svg polyline')).toHaveLength(1);
    expect(getByText('max 50')).toBeInTheDocument();
    expect(container.querySelector('.legend')).toHaveTextContent('a');
    expect(container.querySelector('.legend')).not.toHaveTextContent('quiet');
  });
});
