import { describeVariableError } from './format-error.js';

describe('describeVariableError', () => {
  it.each([
    [
      'Variable "$input" got invalid value { name: "Anna Schmidt", street: "Hauptstraße 5" }; Field "country" is not defined by type "PlaceDeOrderInput".',
      'Variable "$input" has an invalid value: Field "country" is not defined by type "PlaceDeOrderInput".',
      undefined,
    ],
    [
      'Variable "$input" got invalid value "13800138000x" at "input.customer.phone"; String cannot represent a non string value: 13800138000',
      'Variable "$input" has an invalid value at "input.customer.phone": String cannot represent a non string value',
      'customer.phone',
    ],
    [
      'Variable "$input" got invalid value -5 at "input.lines[0].unitPrice"; Expected type "MinorUnits". MinorUnits must be a non-negative safe integer',
      'Variable "$input" has an invalid value at "input.lines[0].unitPrice": Expected type "MinorUnits". MinorUnits must be a non-negative safe integer',
      'lines.0.unitPrice',
    ],
  ])('%s', (message, expected, field) => {
    const described = describeVariableError(message);
    expect(described?.message).toBe(expected);
    expect(described?.field).toBe(field);
    expect(described?.message).not.toMatch(/Anna|Hauptstraße|13800138000/);
  });

  it('leaves other messages alone', () => {
    expect(describeVariableError('Cannot query field "foo" on type "Order".')).toBeUndefined();
  });
});
