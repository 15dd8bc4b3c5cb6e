import { graphql } from '../../gql';

export const ReturnFields = graphql(`
  fragment ConsoleReturnFields on CnReturn {
    id
    orderId
    state
    version
    requestedAt
    windowClosesBefore
    receivedAt
    refundDueBefore
    refundDestination
    coreRejection
    lines {
      id
      lineNo
      quantity
      complete
      incompleteReason
      packagingOpened
      note
    }
    pickup {
      id
      state
      fee
      pickedUpAt
      slot {
        id
        startsAt
        endsAt
        district
      }
    }
    refund {
      id
      currency
      amount
      goodsAmount
      giftDeduction
      pickupFeeDeduction
      issuedAt
      late
    }
  }
`);

export const ReturnDetailQuery = graphql(`
  query ConsoleReturnDetail($id: ID!) {
    order: orderByIdentifier(identifier: { id: $id }) {
      id
      number
      status
      currency
      customerRef
      lines {
        id
        lineNo
        sku
        name
        quantity
      }
      cn {
        number
        status
        shippingAddress {
          province
          city
          district
        }
        returnEligibility {
          lineNo
          eligible
          reason
          returnableQuantity
          lastDay
        }
        returns {
          ...ConsoleReturnFields
        }
      }
    }
  }
`);

export const RequestReturn = graphql(`
  mutation ConsoleReturnRequest($input: RequestCnReturnInput!) {
    cnReturnRequest(input: $input) {
      userErrors {
        code
        field
        message
      }
      return {
        ...ConsoleReturnFields
      }
    }
  }
`);

export const PickupSlotsQuery = graphql(`
  query ConsolePickupSlots($returnId: ID!) {
    cnPickupSlotsConnection(returnId: $returnId, first: 10) {
      nodes {
        id
        startsAt
        endsAt
        remaining
        fee
        district
      }
    }
  }
`);

export const OpenSlots = graphql(`
  mutation ConsolePickupSlotsOpen($input: OpenCnPickupSlotsInput!) {
    cnPickupSlotsOpen(input: $input) {
      userErrors {
        code
        field
        message
      }
      slots {
        id
      }
    }
  }
`);

export const BookPickup = graphql(`
  mutation ConsoleReturnPickupSchedule($input: BookCnReturnPickupInput!) {
    cnReturnPickupSchedule(input: $input) {
      userErrors {
        code
        field
        message
      }
      return {
        ...ConsoleReturnFields
      }
    }
  }
`);

export const Withdraw = graphql(`
  mutation ConsoleReturnWithdraw($input: CnReturnStepInput!) {
    step: cnReturnWithdraw(input: $input) {
      userErrors {
        code
        field
        message
      }
      return {
        ...ConsoleReturnFields
      }
    }
  }
`);

export const CancelPickup = graphql(`
  mutation ConsoleReturnPickupCancel($input: CnReturnStepInput!) {
    step: cnReturnPickupCancel(input: $input) {
      userErrors {
        code
        field
        message
      }
      return {
        ...ConsoleReturnFields
      }
    }
  }
`);

export const ScanPickup = graphql(`
  mutation ConsoleReturnPickupScan($input: CnReturnStepInput!) {
    step: cnReturnPickupScan(input: $input) {
      userErrors {
        code
        field
        message
      }
      return {
        ...ConsoleReturnFields
      }
    }
  }
`);

export const Settle = graphql(`
  mutation ConsoleReturnSettle($input: CnReturnStepInput!) {
    step: cnReturnSettle(input: $input) {
      userErrors {
        code
        field
        message
      }
      return {
        ...ConsoleReturnFields
      }
    }
  }
`);

export const Inspect = graphql(`
  mutation ConsoleReturnInspect($input: InspectCnReturnInput!) {
    step: cnReturnInspect(input: $input) {
      userErrors {
        code
        field
        message
      }
      return {
        ...ConsoleReturnFields
      }
    }
  }
`);
