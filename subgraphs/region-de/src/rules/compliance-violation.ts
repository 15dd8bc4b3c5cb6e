/** A rule an order breaks: the input field to correct, a stable rule code and a message that quotes no value. */
export interface ComplianceViolation {
  field: string;
  rule: string;
  message: string;
}
