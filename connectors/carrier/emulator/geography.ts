/**
 * Just enough US geography for believable rates and scans: a ZIP is placed at the sorting hub with the
 * nearest ZIP3 prefix; zones follow USPS's distance bands between those hubs; a truck passes the hubs
 * that lie near the straight line from origin to destination.
 */
export interface Place {
  city: string;
  state: string;
  zip: string;
  country: string;
}

interface Hub {
  zip3: number;
  city: string;
  state: string;
  lat: number;
  lon: number;
}

const HUBS: readonly Hub[] = [
  { zip3: 21, city: 'BOSTON', state: 'MA', lat: 42.36, lon: -71.06 },
  { zip3: 70, city: 'NEWARK', state: 'NJ', lat: 40.74, lon: -74.17 },
  { zip3: 100, city: 'NEW YORK', state: 'NY', lat: 40.71, lon: -74.01 },
  { zip3: 191, city: 'PHILADELPHIA', state: 'PA', lat: 39.95, lon: -75.17 },
  { zip3: 212, city: 'BALTIMORE', state: 'MD', lat: 39.29, lon: -76.61 },
  { zip3: 303, city: 'ATLANTA', state: 'GA', lat: 33.75, lon: -84.39 },
  { zip3: 328, city: 'ORLANDO', state: 'FL', lat: 28.54, lon: -81.38 },
  { zip3: 381, city: 'MEMPHIS', state: 'TN', lat: 35.15, lon: -90.05 },
  { zip3: 402, city: 'LOUISVILLE', state: 'KY', lat: 38.25, lon: -85.76 },
  { zip3: 432, city: 'COLUMBUS', state: 'OH', lat: 39.96, lon: -83.0 },
  { zip3: 462, city: 'INDIANAPOLIS', state: 'IN', lat: 39.77, lon: -86.16 },
  { zip3: 481, city: 'DETROIT', state: 'MI', lat: 42.33, lon: -83.05 },
  { zip3: 606, city: 'CHICAGO', state: 'IL', lat: 41.88, lon: -87.63 },
  { zip3: 631, city: 'SAINT LOUIS', state: 'MO', lat: 38.63, lon: -90.2 },
  { zip3: 641, city: 'KANSAS CITY', state: 'MO', lat: 39.1, lon: -94.58 },
  { zip3: 681, city: 'OMAHA', state: 'NE', lat: 41.26, lon: -95.93 },
  { zip3: 752, city: 'DALLAS', state: 'TX', lat: 32.78, lon: -96.8 },
  { zip3: 770, city: 'HOUSTON', state: 'TX', lat: 29.76, lon: -95.37 },
  { zip3: 802, city: 'DENVER', state: 'CO', lat: 39.74, lon: -104.99 },
  { zip3: 841, city: 'SALT LAKE CITY', state: 'UT', lat: 40.76, lon: -111.89 },
  { zip3: 850, city: 'PHOENIX', state: 'AZ', lat: 33.45, lon: -112.07 },
  { zip3: 900, city: 'LOS ANGELES', state: 'CA', lat: 34.05, lon: -118.24 },
  { zip3: 941, city: 'SAN FRANCISCO', state: 'CA', lat: 37.77, lon: -122.42 },
  { zip3: 972, city: 'PORTLAND', state: 'OR', lat: 45.52, lon: -122.68 },
  { zip3: 981, city: 'SEATTLE', state: 'WA', lat: 47.61, lon: -122.33 },
];

export function zip3(zip: string): number {
  const digits = /^\d{3}/.exec(zip.trim())?.[0];
  return digits === undefined ? 0 : Number(digits);
}

function hubFor(zip: string): Hub {
  const code = zip3(zip);
  return HUBS.reduce((best, hub) => (Math.abs(hub.zip3 - code) < Math.abs(best.zip3 - code) ? hub : best));
}

/** Great-circle distance in miles. */
function miles(a: Hub, b: Hub): number {
  const rad = Math.PI / 180;
  const h =
    Math.sin(((b.lat - a.lat) * rad) / 2) ** 2 +
    Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(((b.lon - a.lon) * rad) / 2) ** 2;
  return 2 * 3959 * Math.asin(Math.sqrt(h));
}

/** USPS zone bands: 1 (same area) to 8 (1,801 miles and more). */
export function zoneBetween(fromZip: string, toZip: string): number {
  const distance = miles(hubFor(fromZip), hubFor(toZip));
  const limits = [50, 150, 300, 600, 1000, 1400, 1800];
  const index = limits.findIndex((limit) => distance <= limit);
  return index === -1 ? 8 : index + 1;
}

function hubPlace(hub: Hub): Place {
  return { city: hub.city, state: hub.state, zip: `${String(hub.zip3).padStart(3, '0')}01`, country: 'US' };
}

/** Sorting hubs near the way from origin to destination (at most `max`), in travel order. */
export function hubsBetween(fromZip: string, toZip: string, max: number): Place[] {
  const from = hubFor(fromZip);
  const to = hubFor(toZip);
  const direct = miles(from, to);
  const onTheWay = HUBS.filter(
    (hub) =>
      miles(from, hub) > 150 && miles(hub, to) > 150 && miles(from, hub) + miles(hub, to) <= direct * 1.1,
  ).sort((a, b) => miles(from, a) - miles(from, b));
  if (onTheWay.length <= max) return onTheWay.map(hubPlace);
  const step = onTheWay.length / max;
  return Array.from({ length: max }, (_, i) => hubPlace(onTheWay[Math.floor(i * step + step / 2)]!));
}

/** The hub an air service routes through, e.g. UPS Worldport (Louisville) or FedEx's Memphis hub. */
export function airHub(zip3Code: number): Place {
  const hub = HUBS.find((candidate) => candidate.zip3 === zip3Code);
  if (!hub) throw new Error(`no hub at ZIP3 ${zip3Code}`);
  return hubPlace(hub);
}

/** A hub city drawn at random: where a tracker created from a bare code says the parcel goes. */
export function randomCity(random: () => number): Place {
  return hubPlace(HUBS[Math.floor(random() * HUBS.length)]!);
}
