/**
 * The one mapping from carrier tracking vocabularies into the canonical {@link ShipmentStatus}.
 *
 * | Canonical            | EasyPost `status`                 | ShipEngine `status_code` | Shippo `tracking_status.status` |
 * | -------------------- | --------------------------------- | ------------------------ | ------------------------------- |
 * | LABEL_CREATED        | pre_transit                       | NY (not yet in system*)  | PRE_TRANSIT                     |
 * | IN_TRANSIT           | in_transit                        | IT, AC (accepted*)       | TRANSIT                         |
 * | OUT_FOR_DELIVERY     | out_for_delivery                  | (sub-status of IT)       | (substatus of TRANSIT)          |
 * | AVAILABLE_FOR_PICKUP | available_for_pickup              | SP (delivered to a point)| (substatus of TRANSIT)          |
 * | DELIVERED            | delivered                         | DE                       | DELIVERED                       |
 * | EXCEPTION            | failure, error                    | EX, AT (attempted)       | FAILURE                         |
 * | RETURNED_TO_SENDER   | return_to_sender                  | (sub-status of EX)       | RETURNED                        |
 * | CANCELLED            | cancelled                         | —                        | —                               |
 * | UNKNOWN              | unknown, anything new             | UN, anything new         | UNKNOWN, anything new           |
 *
 * *ShipEngine's NY ("not yet in system") is what a label we bought shows before the carrier's first
 * scan, which is LABEL_CREATED; AC ("accepted") is that first scan: the carrier has the parcel, so it is
 * moving (IN_TRANSIT). SP ("delivered to service point") is held for the recipient to collect.
 * Values are matched case-insensitively; an unrecognised value is UNKNOWN, never an error, so a carrier
 * adding a status does not break tracking.
 */
import type { ShipmentStatus } from '../../schema/canonical/shipping.js';

const EASYPOST: Readonly<Record<string, ShipmentStatus>> = {
  unknown: 'UNKNOWN',
  pre_transit: 'LABEL_CREATED',
  in_transit: 'IN_TRANSIT',
  out_for_delivery: 'OUT_FOR_DELIVERY',
  delivered: 'DELIVERED',
  available_for_pickup: 'AVAILABLE_FOR_PICKUP',
  return_to_sender: 'RETURNED_TO_SENDER',
  failure: 'EXCEPTION',
  cancelled: 'CANCELLED',
  error: 'EXCEPTION',
};

const SHIPENGINE: Readonly<Record<string, ShipmentStatus>> = {
  UN: 'UNKNOWN',
  AC: 'IN_TRANSIT',
  IT: 'IN_TRANSIT',
  DE: 'DELIVERED',
  EX: 'EXCEPTION',
  AT: 'EXCEPTION',
  NY: 'LABEL_CREATED',
  SP: 'AVAILABLE_FOR_PICKUP',
};

const SHIPPO: Readonly<Record<string, ShipmentStatus>> = {
  PRE_TRANSIT: 'LABEL_CREATED',
  TRANSIT: 'IN_TRANSIT',
  DELIVERED: 'DELIVERED',
  RETURNED: 'RETURNED_TO_SENDER',
  FAILURE: 'EXCEPTION',
  UNKNOWN: 'UNKNOWN',
};

/** EasyPost tracker (and tracking detail) `status`. */
export function fromEasyPostStatus(status: string | null | undefined): ShipmentStatus {
  return EASYPOST[(status ?? '').toLowerCase()] ?? 'UNKNOWN';
}

/** ShipEngine / ShipStation tracking `status_code`. */
export function fromShipEngineStatus(code: string | null | undefined): ShipmentStatus {
  return SHIPENGINE[(code ?? '').toUpperCase()] ?? 'UNKNOWN';
}

/** Shippo `tracking_status.status`. */
export function fromShippoStatus(status: string | null | undefined): ShipmentStatus {
  return SHIPPO[(status ?? '').toUpperCase()] ?? 'UNKNOWN';
}
