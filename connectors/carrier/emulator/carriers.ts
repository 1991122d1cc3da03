/**
 * The emulated carriers, their accounts and services: believable list prices by weight and zone, and
 * transit days per service and zone. Prices are in integer cents; nothing here is random.
 */
import { randomChars } from './random.js';

export type CarrierName = 'USPS' | 'UPS' | 'FedEx';

export interface ServiceSpec {
  service: string;
  /** Price of the first pound in zone 1, in cents. */
  baseCents: number;
  /** Each further pound, in cents. */
  perLbCents: number;
  /** Each zone beyond 1, in cents. */
  perZoneCents: number;
  /** Transit days by zone (index 0 = zone 1). */
  days: readonly [number, number, number, number, number, number, number, number];
  guaranteed: boolean;
  /** Air services fly through the carrier's hub instead of trucking hub to hub. */
  air: boolean;
  /** UPS's two-digit service indicator inside the tracking number. */
  upsCode?: string;
}

export interface CarrierSpec {
  carrier: CarrierName;
  accountId: string;
  /** EasyPost's CarrierAccount `type`. */
  type: string;
  description: string;
  /** ZIP3 of the carrier's air hub. */
  airHubZip3: number;
  services: readonly ServiceSpec[];
  trackingCode(random: () => number, service: ServiceSpec): string;
}

const DIGITS = '0123456789';
const GROUND_DAYS = [1, 2, 2, 3, 4, 4, 5, 5] as const;

export const CARRIERS: readonly CarrierSpec[] = [
  {
    carrier: 'USPS',
    accountId: 'ca_8e2f1c5b7a9d4e3f8a1b2c3d4e5f6a71',
    type: 'UspsAccount',
    description: 'USPS Account',
    airHubZip3: 381,
    services: [
      {
        service: 'GroundAdvantage',
        baseCents: 475,
        perLbCents: 55,
        perZoneCents: 38,
        days: [2, 2, 3, 3, 4, 4, 5, 5],
        guaranteed: false,
        air: false,
      },
      {
        service: 'Priority',
        baseCents: 820,
        perLbCents: 95,
        perZoneCents: 85,
        days: [1, 2, 2, 2, 3, 3, 3, 3],
        guaranteed: false,
        air: false,
      },
      {
        service: 'Express',
        baseCents: 2875,
        perLbCents: 190,
        perZoneCents: 160,
        days: [1, 1, 1, 1, 2, 2, 2, 2],
        guaranteed: true,
        air: true,
      },
    ],
    // IMpb: 22 digits starting 9400 (USPS Tracking).
    trackingCode: (random) => `94001${randomChars(random, DIGITS, 17)}`,
  },
  {
    carrier: 'UPS',
    accountId: 'ca_3b7d9e1f2a4c6e8b0d2f4a6c8e0b2d42',
    type: 'UpsAccount',
    description: 'UPS Account',
    airHubZip3: 402,
    services: [
      {
        service: 'Ground',
        baseCents: 945,
        perLbCents: 70,
        perZoneCents: 55,
        days: GROUND_DAYS,
        guaranteed: false,
        air: false,
        upsCode: '03',
      },
      {
        service: '3DaySelect',
        baseCents: 1580,
        perLbCents: 110,
        perZoneCents: 105,
        days: [3, 3, 3, 3, 3, 3, 3, 3],
        guaranteed: true,
        air: true,
        upsCode: '12',
      },
      {
        service: '2ndDayAir',
        baseCents: 1990,
        perLbCents: 145,
        perZoneCents: 140,
        days: [2, 2, 2, 2, 2, 2, 2, 2],
        guaranteed: true,
        air: true,
        upsCode: '02',
      },
      {
        service: 'NextDayAir',
        baseCents: 3250,
        perLbCents: 260,
        perZoneCents: 240,
        days: [1, 1, 1, 1, 1, 1, 1, 1],
        guaranteed: true,
        air: true,
        upsCode: '01',
      },
    ],
    // 1Z + shipper account (6) + service (2) + package (8).
    trackingCode: (random, service) =>
      `1Z${randomChars(random, 'ABCDEFGHJKLMNPRSTUVWXYZ0123456789', 6)}${service.upsCode ?? '03'}${randomChars(random, DIGITS, 8)}`,
  },
  {
    carrier: 'FedEx',
    accountId: 'ca_5c1e3a7b9d2f4e6a8c0e2b4d6f8a0c93',
    type: 'FedexAccount',
    description: 'FedEx Account',
    airHubZip3: 381,
    services: [
      {
        service: 'FEDEX_GROUND',
        baseCents: 925,
        perLbCents: 68,
        perZoneCents: 52,
        days: GROUND_DAYS,
        guaranteed: false,
        air: false,
      },
      {
        service: 'FEDEX_2_DAY',
        baseCents: 1940,
        perLbCents: 140,
        perZoneCents: 135,
        days: [2, 2, 2, 2, 2, 2, 2, 2],
        guaranteed: true,
        air: true,
      },
      {
        service: 'STANDARD_OVERNIGHT',
        baseCents: 3310,
        perLbCents: 270,
        perZoneCents: 250,
        days: [1, 1, 1, 1, 1, 1, 1, 1],
        guaranteed: true,
        air: true,
      },
    ],
    trackingCode: (random) => `7${randomChars(random, DIGITS, 11)}`,
  },
];

export function carrierByName(name: string): CarrierSpec | undefined {
  return CARRIERS.find((spec) => spec.carrier.toLowerCase() === name.toLowerCase());
}

export function carrierByAccount(accountId: string): CarrierSpec | undefined {
  return CARRIERS.find((spec) => spec.accountId === accountId);
}

export function serviceOf(spec: CarrierSpec, service: string): ServiceSpec | undefined {
  return spec.services.find((candidate) => candidate.service.toLowerCase() === service.toLowerCase());
}

/** The price in cents of one service for a parcel of `weightOz` to `zone`. */
export function priceCents(service: ServiceSpec, weightOz: number, zone: number): number {
  const pounds = Math.max(1, Math.ceil(weightOz / 16));
  return service.baseCents + service.perLbCents * (pounds - 1) + service.perZoneCents * (zone - 1);
}

export function transitDays(service: ServiceSpec, zone: number): number {
  return service.days[Math.min(8, Math.max(1, zone)) - 1]!;
}

export function centsToAmount(cents: number): string {
  return `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
}
