/** A failure a handler reports to the client as an AWS error (code + message + HTTP status). */
export class AwsError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status = 400,
    /** extra members of the error shape (e.g. ECR's lastValidByteReceived) */
    readonly fields: Record<string, unknown> = {},
    /** awsQuery <Type>: Sender (client's fault) or Receiver */
    readonly senderFault = status < 500,
  ) {
    super(message);
    this.name = code;
  }
}

/** ECR's and IAM's generic input error, in the wording of AWS's model validation. */
export function validationError(messages: string[]): AwsError {
  const n = messages.length;
  return new AwsError(
    'ValidationException',
    `${n} validation error${n === 1 ? '' : 's'} detected: ${messages.join('; ')}`,
  );
}
