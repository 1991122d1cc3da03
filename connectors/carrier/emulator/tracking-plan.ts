/**
 * A parcel's whole tracking history, planned when its label is bought: label created, accepted at
 * origin, hub scans between origin and destination, out for delivery, delivered; or, for a drawn
 * fraction of parcels, an exception (a failed delivery attempt, a return to sender). A tracker shows the
 * events whose time has come on the emulator's clock, so history advances as the clock does.
 */
import type { CarrierName, CarrierSpec } from './carriers.js';
import { airHub, hubsBetween, type Place } from './geography.js';

export type TrackerStatus =
  | 'pre_transit'
  | 'in_transit'
  | 'out_for_delivery'
  | 'delivered'
  | 'failure'
  | 'return_to_sender'
  | 'cancelled'
  | 'unknown';

export interface PlannedEvent {
  at: number;
  status: TrackerStatus;
  message: string;
  location: Place | null;
}

export interface TrackingPlan {
  events: PlannedEvent[];
  /** When delivery is expected (the planned delivery scan, exception or not). */
  estDeliveryAt: number;
}

export interface PlanInput {
  spec: CarrierSpec;
  air: boolean;
  from: Place;
  to: Place;
  /** The label's purchase time. */
  start: number;
  /** Time between scans, or the whole transit time (label to delivery) for scans to share. */
  pace: { stepMs: number } | { transitMs: number };
  exceptionRate: number;
  random: () => number;
}

const WORDING: Record<
  CarrierName,
  Record<'label' | 'accepted' | 'arrived' | 'departed' | 'local' | 'out' | 'delivered', string>
> = {
  USPS: {
    label: 'Shipping Label Created, USPS Awaiting Item',
    accepted: 'Accepted at USPS Origin Facility',
    arrived: 'Arrived at USPS Regional Facility',
    departed: 'Departed USPS Regional Facility',
    local: 'Arrived at Post Office',
    out: 'Out for Delivery',
    delivered: 'Delivered, Front Door/Porch',
  },
  UPS: {
    label: 'Shipper created a label, UPS has not received the package yet.',
    accepted: 'Origin Scan',
    arrived: 'Arrival Scan',
    departed: 'Departure Scan',
    local: 'Arrived at Facility',
    out: 'Out For Delivery Today',
    delivered: 'Delivered',
  },
  FedEx: {
    label: 'Shipment information sent to FedEx',
    accepted: 'Picked up',
    arrived: 'Arrived at FedEx location',
    departed: 'Departed FedEx location',
    local: 'At local FedEx facility',
    out: 'On FedEx vehicle for delivery',
    delivered: 'Delivered',
  },
};

export function planTracking(input: PlanInput): TrackingPlan {
  const words = WORDING[input.spec.carrier];
  const hubs = input.air ? [airHub(input.spec.airHubZip3)] : hubsBetween(input.from.zip, input.to.zip, 3);
  const steps: Omit<PlannedEvent, 'at'>[] = [
    { status: 'pre_transit', message: words.label, location: input.from },
    { status: 'in_transit', message: words.accepted, location: input.from },
  ];
  for (const hub of hubs) {
    steps.push({ status: 'in_transit', message: words.arrived, location: hub });
    steps.push({ status: 'in_transit', message: words.departed, location: hub });
  }
  steps.push({ status: 'in_transit', message: words.local, location: input.to });
  const exception = input.random() < input.exceptionRate ? input.random() : null;
  if (exception !== null && exception < 0.4) {
    steps.push({
      status: 'return_to_sender',
      message: 'Return to Sender: Insufficient Address',
      location: input.to,
    });
  } else {
    steps.push({ status: 'out_for_delivery', message: words.out, location: input.to });
    steps.push(
      exception === null
        ? { status: 'delivered', message: words.delivered, location: input.to }
        : {
            status: 'failure',
            message: 'Delivery Attempted: No Access to Delivery Location',
            location: input.to,
          },
    );
  }
  const deliverySteps = 2 + hubs.length * 2 + 2;
  const stepMs = 'stepMs' in input.pace ? input.pace.stepMs : input.pace.transitMs / deliverySteps;
  // Scans land within their step, never before the previous one; the label scan is the purchase itself.
  const events = steps.map((step, i) => ({
    ...step,
    at: i === 0 ? input.start : input.start + Math.round((i - 0.5 + input.random() * 0.45) * stepMs),
  }));
  return { events, estDeliveryAt: input.start + deliverySteps * stepMs };
}
