// A failed send: retryable (the server is down, times out, says 5xx/429) or unrecoverable (the
// receiver refuses this message for good, a 4xx): the latter is parked at once for the office.
export class DeliveryFailedError extends Error {
  override name = 'DeliveryFailedError';
  constructor(
    message: string,
    readonly retryable: boolean,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
