import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { storeCall } from './calls';
import { type SecurityEventRecord, toSecurityEventRecord } from './records';
import { ATTRIBUTE, eventItems, eventKey, KEY } from './table';

/**
 * A user's security events, in the user's partition (see table.ts): one PutItem per event, and a Query
 * of the `EVENT#` sort keys, newest first, for reading them back. Items carry `expiresAt`, the table's
 * TTL attribute; DynamoDB deletes them some time after it passes, and dynalite never does, so every
 * read leaves expired items out itself.
 */

export interface EventPage {
  events: SecurityEventRecord[];
  /** The sort key to continue after (older events), when there may be more. */
  next?: string;
}

export interface EventQuery {
  /** Epoch ms: events before this are left out (those of an earlier account of the same name). */
  notBefore: number;
  nowSeconds: number;
  limit: number;
  /** Continue with the events older than this sort key (a page's `next`). */
  after?: string;
}

/** Pages of the Query one read may go through when most of what it finds has expired. */
const MAX_QUERY_PAGES = 5;

export class EventStore {
  private readonly client: DynamoDBDocumentClient;

  constructor(
    dynamo: DynamoDBClient,
    private readonly tableName: string,
  ) {
    this.client = DynamoDBDocumentClient.from(dynamo, { marshallOptions: { removeUndefinedValues: true } });
  }

  async put(event: SecurityEventRecord): Promise<void> {
    await storeCall(() =>
      this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...eventKey(event.userKey, event.createdAt, event.eventId), [ATTRIBUTE.type]: 'event', ...event },
        }),
      ),
    );
  }

  /** One page of the user's unexpired events, newest first. */
  async list(userKey: string, query: EventQuery): Promise<EventPage> {
    const from = eventItems.from(query.notBefore);
    // A position before the first event there is has nothing after it (and DynamoDB refuses a start key outside the range).
    if (query.after !== undefined && query.after < from) return { events: [] };
    return storeCall(async () => {
      const events: SecurityEventRecord[] = [];
      let startKey: Record<string, unknown> | undefined =
        query.after === undefined ? undefined : { [KEY.partition]: eventItems.partition(userKey), [KEY.sort]: query.after };
      for (let page = 0; page < MAX_QUERY_PAGES; page += 1) {
        const answer = await this.client.send(
          new QueryCommand({
            TableName: this.tableName,
            KeyConditionExpression: '#pk = :pk AND #sk BETWEEN :from AND :end',
            FilterExpression: '#expiresAt > :now',
            ExpressionAttributeNames: { '#pk': KEY.partition, '#sk': KEY.sort, '#expiresAt': ATTRIBUTE.expiresAt },
            ExpressionAttributeValues: {
              ':pk': eventItems.partition(userKey),
              ':from': from,
              ':end': eventItems.end,
              ':now': query.nowSeconds,
            },
            ScanIndexForward: false,
            Limit: query.limit - events.length,
            ConsistentRead: true,
            ExclusiveStartKey: startKey,
          }),
        );
        events.push(...(answer.Items ?? []).map(toSecurityEventRecord));
        startKey = answer.LastEvaluatedKey;
        if (startKey === undefined) return { events };
        if (events.length >= query.limit) break;
      }
      const next = startKey?.[KEY.sort];
      return typeof next === 'string' ? { events, next } : { events };
    });
  }
}
