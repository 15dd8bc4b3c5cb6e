import { geoDistance, geoInterpolate, geoNaturalEarth1, geoPath, type GeoPermissibleObjects } from 'd3-geo';
import { useEffect, useMemo, useState } from 'react';
import { feature, mesh } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import countries110m from 'world-atlas/countries-110m.json';
import { formatTime, humanise } from '../../ui/format';

export interface JourneyStop {
  id: string;
  kind: string;
  at: string;
  label: string;
  lat: number;
  lon: number;
}

const WIDTH = 960;
const HEIGHT = 500;
/** Time the marker takes for one leg, whatever its length: short urban legs must stay visible. */
const LEG_MS = 900;

const topology = countries110m as unknown as Topology<{ countries: GeometryCollection; land: GeometryCollection }>;
const land = feature(topology, topology.objects.land);
const borders = mesh(topology, topology.objects.countries, (a, b) => a !== b);

const prefersReducedMotion = () => typeof window !== 'undefined' && window.matchMedia?.('(prefers-reduced-motion: reduce)').matches;

/**
 * The world from Natural Earth (npm `world-atlas`, no tile server), zoomed to the parcel's stops, with the
 * route along great circles and a marker that travels it leg by leg. The ordered list below is the same
 * journey for screen readers and keyboards.
 */
export function JourneyMap({ stops }: { stops: JourneyStop[] }) {
  const [leg, setLeg] = useState(prefersReducedMotion() ? stops.length - 1 : 0);
  const [progress, setProgress] = useState(prefersReducedMotion() ? 1 : 0);
  const [playing, setPlaying] = useState(!prefersReducedMotion() && stops.length > 1);
  // A stop that arrives live extends the route: a marker resting at the old end travels on to it.
  const [shown, setShown] = useState(stops.length);
  if (stops.length !== shown) {
    setShown(stops.length);
    const atEnd = !playing && progress >= 1 && leg === shown - 2;
    if (stops.length > shown && atEnd) {
      if (prefersReducedMotion()) setLeg(stops.length - 2);
      else {
        setLeg(leg + 1);
        setProgress(0);
        setPlaying(true);
      }
    }
  }

  const { path, projection, route } = useMemo(() => {
    const route: GeoPermissibleObjects = { type: 'LineString', coordinates: stops.map((stop) => [stop.lon, stop.lat]) };
    const focus: GeoPermissibleObjects = stops.length > 1 ? route : { type: 'Point', coordinates: [stops[0]!.lon, stops[0]!.lat] };
    const projection = geoNaturalEarth1();
    const spread = stops.length > 1 ? Math.max(...stops.map((stop) => geoDistance([stops[0]!.lon, stops[0]!.lat], [stop.lon, stop.lat]))) : 0;
    // A route of a few kilometres would fill the map at street level; keep the country around it in view.
    if (spread < 0.05)
      projection
        .center([stops[0]!.lon, stops[0]!.lat])
        .scale(2400)
        .translate([WIDTH / 2, HEIGHT / 2]);
    else
      projection.fitExtent(
        [
          [60, 60],
          [WIDTH - 60, HEIGHT - 60],
        ],
        focus,
      );
    return { path: geoPath(projection), projection, route };
  }, [stops]);

  useEffect(() => {
    if (!playing) return undefined;
    let frame = 0;
    let start: number | undefined;
    const step = (now: number) => {
      start ??= now - progress * LEG_MS;
      const fraction = Math.min(1, (now - start) / LEG_MS);
      setProgress(fraction);
      if (fraction < 1) frame = requestAnimationFrame(step);
      else if (leg < stops.length - 2) {
        setLeg(leg + 1);
        setProgress(0);
      } else setPlaying(false);
    };
    frame = requestAnimationFrame(step);
    return () => cancelAnimationFrame(frame);
    // `progress` is read once when a leg starts; re-running on each frame would restart the leg.
  }, [playing, leg, stops.length]);

  const from = stops[leg]!;
  const to = stops[Math.min(leg + 1, stops.length - 1)]!;
  const position = geoInterpolate([from.lon, from.lat], [to.lon, to.lat])(progress);
  const [markerX, markerY] = projection(position) ?? [0, 0];
  const current = progress >= 1 ? to : from;

  const replay = () => {
    setLeg(0);
    setProgress(0);
    setPlaying(stops.length > 1);
  };
  const jumpTo = (index: number) => {
    setPlaying(false);
    // Stop i is the start of leg i, or the end of leg i − 1.
    setLeg(index === 0 ? 0 : index - 1);
    setProgress(index === 0 ? 0 : 1);
  };

  return (
    <figure className="map-figure">
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-labelledby="map-caption" data-testid="journey-map">
        <rect width={WIDTH} height={HEIGHT} className="sea" />
        <path d={path(land) ?? ''} className="land" />
        <path d={path(borders) ?? ''} className="borders" />
        <path d={path(route) ?? ''} className="route" />
        {stops.map((stop, i) => {
          const [x, y] = projection([stop.lon, stop.lat]) ?? [0, 0];
          return (
            <circle key={stop.id} cx={x} cy={y} r={5} className={i <= leg ? 'stop stop-passed' : 'stop'}>
              <title>{`${humanise(stop.kind)} · ${stop.label}`}</title>
            </circle>
          );
        })}
        <circle cx={markerX} cy={markerY} r={9} className="parcel" data-testid="parcel-marker" data-leg={leg} data-progress={progress.toFixed(2)} />
      </svg>
      <figcaption id="map-caption">
        Parcel at <strong data-testid="journey-current">{humanise(current.kind)}</strong> · {current.label} ·{' '}
        <time dateTime={current.at}>{formatTime(current.at)}</time>
      </figcaption>
      <div className="map-controls">
        <button type="button" onClick={() => setPlaying(!playing)} disabled={stops.length < 2} aria-pressed={playing}>
          {playing ? 'Pause' : 'Play'}
        </button>
        <button type="button" onClick={replay} disabled={stops.length < 2}>
          Replay
        </button>
      </div>
      <ol className="timeline journey-stops" aria-label="Recorded events">
        {stops.map((stop, i) => (
          <li key={stop.id}>
            <button type="button" className="link" onClick={() => jumpTo(i)} aria-current={stop === current ? 'step' : undefined}>
              {humanise(stop.kind)} · {stop.label}
            </button>{' '}
            <span className="meta">
              <time dateTime={stop.at}>{formatTime(stop.at)}</time>
            </span>
          </li>
        ))}
      </ol>
    </figure>
  );
}
