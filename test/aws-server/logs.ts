// CloudWatch Logs as the test server answers it (JSON 1.1, see
// json-protocol.ts): FilterLogEvents over the log groups a test gives,
// events in time order, filtered by startTime and endTime (milliseconds,
// end exclusive as AWS documents it), paged by the model's paginator. A log
// group the account does not have is ResourceNotFoundException.
import { AwsFault } from './operations.js';
import type { JsonService } from './json-protocol.js';

export interface TestLogEvent {
  readonly logStreamName: string;
  /** milliseconds since the epoch */
  readonly timestamp: number;
  readonly message: string;
}

/** account -> log group name -> its events */
export type TestLogGroups = Readonly<Record<string, Readonly<Record<string, readonly TestLogEvent[]>>>>;

export function logsService(groups: TestLogGroups | undefined): JsonService {
  return {
    modelName: 'logs',
    operations: {
      FilterLogEvents: ({ account, input }) => {
        const name = input.logGroupName;
        if (typeof name !== 'string' || name === '') throw new AwsFault('InvalidParameterException', '1 validation error detected: Value null at \'logGroupName\' failed to satisfy constraint: Member must not be null');
        const events = groups?.[account]?.[name];
        if (!events) throw new AwsFault('ResourceNotFoundException', 'The specified log group does not exist.');
        const start = typeof input.startTime === 'number' ? input.startTime : 0;
        const end = typeof input.endTime === 'number' ? input.endTime : Number.POSITIVE_INFINITY;
        const list = events
          .filter((event) => event.timestamp >= start && event.timestamp < end)
          .sort((a, b) => a.timestamp - b.timestamp)
          .map((event, index) => ({ ...event, ingestionTime: event.timestamp + 60_000, eventId: `${event.timestamp}${String(index).padStart(8, '0')}` }));
        return { list };
      },
    },
  };
}
