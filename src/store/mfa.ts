import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  DeleteCommand,
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { conditionalWrite, storeCall } from './calls';
import {
  type MfaLoginRecord,
  type PasskeyRecord,
  type PendingTotpRecord,
  type SealedSecret,
  type TotpRecord,
  toHandleOwner,
  toMfaLoginRecord,
  toPasskeyRecord,
  toPendingTotpRecord,
  toTotpRecord,
  toUserHandle,
} from './records';
import {
  ATTRIBUTE,
  challengeKey,
  handleLookupKey,
  type ItemKey,
  KEY,
  mfaLoginKey,
  passkeyItems,
  passkeyKey,
  pendingTotpKey,
  totpKey,
  userHandleKey,
} from './table';

/**
 * The second factors' items: TOTP (with its recovery codes), passkeys and WebAuthn challenges. Every
 * rule that must hold under concurrency (a TOTP step or a recovery code used once, a challenge used
 * once, a signature counter that only grows) is the condition of one single-item write.
 */

export type ChallengePurpose = 'registration' | 'authentication';

export interface ChallengeRecord {
  challenge: string;
  purpose: ChallengePurpose;
  /** The user a registration challenge was made for; none for sign-in. */
  userKey?: string;
  /** Epoch seconds. */
  expiresAt: number;
}

interface ItemExpression {
  ConditionExpression: string;
  ExpressionAttributeNames: Record<string, string>;
  ExpressionAttributeValues?: Record<string, unknown>;
}

const EXISTS: ItemExpression = {
  ConditionExpression: 'attribute_exists(#pk)',
  ExpressionAttributeNames: { '#pk': KEY.partition },
};

export class MfaStore {
  private readonly client: DynamoDBDocumentClient;

  constructor(
    dynamo: DynamoDBClient,
    private readonly tableName: string,
  ) {
    this.client = DynamoDBDocumentClient.from(dynamo, { marshallOptions: { removeUndefinedValues: true } });
  }

  // --- TOTP ---

  async getTotp(userKey: string): Promise<TotpRecord | null> {
    const item = await this.get(totpKey(userKey));
    return item === undefined ? null : toTotpRecord(item);
  }

  /** Turns TOTP on, or replaces the factor (a confirmed re-enrolment): the whole item at once. */
  async putTotp(record: TotpRecord): Promise<void> {
    const { recoveryCodeHashes, ...rest } = record;
    await this.put(totpKey(record.userKey), {
      [ATTRIBUTE.type]: 'totp',
      ...rest,
      [ATTRIBUTE.recoveryCodeHashes]: new Set(recoveryCodeHashes),
    });
  }

  /**
   * Records `step` as the last accepted one, only if every step accepted before is older: of two
   * requests presenting the same code (or codes of the same step), exactly one wins.
   */
  async acceptTotpStep(userKey: string, step: number): Promise<boolean> {
    return this.update(totpKey(userKey), 'SET #lastStep = :step', {
      ConditionExpression: 'attribute_exists(#pk) AND #lastStep < :step',
      ExpressionAttributeNames: { '#pk': KEY.partition, '#lastStep': ATTRIBUTE.lastStep },
      ExpressionAttributeValues: { ':step': step },
    });
  }

  /** Swaps the sealed secret for one made with the current key, if it is still the one sealed with `fromKid`. */
  async resealTotpSecret(userKey: string, fromKid: string, secret: SealedSecret): Promise<boolean> {
    return this.update(totpKey(userKey), 'SET #secret = :secret', {
      ConditionExpression: '#secret.#kid = :fromKid',
      ExpressionAttributeNames: { '#secret': ATTRIBUTE.secret, '#kid': 'kid' },
      ExpressionAttributeValues: { ':secret': secret, ':fromKid': fromKid },
    });
  }

  /** Removes one recovery code's hash if it is still there: each code works once, even when raced. */
  async useRecoveryCode(userKey: string, codeHash: string): Promise<boolean> {
    return this.update(totpKey(userKey), 'DELETE #codes :code', {
      ConditionExpression: 'contains(#codes, :hash)',
      ExpressionAttributeNames: { '#codes': ATTRIBUTE.recoveryCodeHashes },
      ExpressionAttributeValues: { ':code': new Set([codeHash]), ':hash': codeHash },
    });
  }

  /** Replaces the whole set of recovery codes; false when TOTP is not on. */
  async replaceRecoveryCodes(userKey: string, codeHashes: string[], createdAt: number): Promise<boolean> {
    return this.update(totpKey(userKey), 'SET #codes = :codes, #createdAt = :createdAt', {
      ConditionExpression: 'attribute_exists(#pk)',
      ExpressionAttributeNames: {
        '#pk': KEY.partition,
        '#codes': ATTRIBUTE.recoveryCodeHashes,
        '#createdAt': ATTRIBUTE.recoveryCodesCreatedAt,
      },
      ExpressionAttributeValues: { ':codes': new Set(codeHashes), ':createdAt': createdAt },
    });
  }

  /** Turns TOTP off (its recovery codes go with it); false when it was not on. */
  async deleteTotp(userKey: string): Promise<boolean> {
    return this.delete(totpKey(userKey), EXISTS);
  }

  /** Starts (or restarts) an enrolment; an earlier unconfirmed one is replaced. */
  async putPendingTotp(record: PendingTotpRecord): Promise<void> {
    await this.put(pendingTotpKey(record.userKey), { [ATTRIBUTE.type]: 'totp-pending', ...record });
  }

  /** The live enrolment, or null (none, or expired at `nowSeconds`). */
  async getPendingTotp(userKey: string, nowSeconds: number): Promise<PendingTotpRecord | null> {
    const item = await this.get(pendingTotpKey(userKey));
    const pending = item === undefined ? null : toPendingTotpRecord(item);
    return pending === null || pending.expiresAt <= nowSeconds ? null : pending;
  }

  /** Ends the enrolment `enrolmentId` if it is still live and still that one: a confirmation happens once. */
  async takePendingTotp(userKey: string, enrolmentId: string, nowSeconds: number): Promise<boolean> {
    return this.delete(pendingTotpKey(userKey), {
      ConditionExpression: '#id = :id AND #expiresAt > :now',
      ExpressionAttributeNames: { '#id': ATTRIBUTE.enrolmentId, '#expiresAt': ATTRIBUTE.expiresAt },
      ExpressionAttributeValues: { ':id': enrolmentId, ':now': nowSeconds },
    });
  }

  /** Ends any enrolment in progress (the account is gone). */
  async deletePendingTotp(userKey: string): Promise<void> {
    await this.delete(pendingTotpKey(userKey), EXISTS);
  }

  // --- Sign-ins waiting for their second factor (keyed by the mfaToken's hash) ---

  /** Stores a new pending sign-in; a collision of random tokens is loud, never an overwrite. */
  async putMfaLogin(tokenHash: string, record: MfaLoginRecord): Promise<void> {
    if (!(await this.putNew(mfaLoginKey(tokenHash), { [ATTRIBUTE.type]: 'mfa-login', ...record })))
      throw new Error('mfaToken collision');
  }

  /** The pending sign-in, or null: none, expired at `nowSeconds`, or out of tries. */
  async getMfaLogin(tokenHash: string, nowSeconds: number, maxTries: number): Promise<MfaLoginRecord | null> {
    const item = await this.get(mfaLoginKey(tokenHash));
    const pending = item === undefined ? null : toMfaLoginRecord(item);
    return pending === null || pending.expiresAt <= nowSeconds || pending.tries >= maxTries ? null : pending;
  }

  /**
   * Uses one of the sign-in's tries before its code is checked, while it is live and has tries left: of
   * any number of parallel attempts, at most `maxTries` are ever checked.
   */
  async takeMfaLoginTry(tokenHash: string, nowSeconds: number, maxTries: number): Promise<boolean> {
    return this.update(mfaLoginKey(tokenHash), 'SET #tries = #tries + :one', {
      ConditionExpression: 'attribute_exists(#pk) AND #expiresAt > :now AND #tries < :max',
      ExpressionAttributeNames: { '#pk': KEY.partition, '#tries': ATTRIBUTE.tries, '#expiresAt': ATTRIBUTE.expiresAt },
      ExpressionAttributeValues: { ':one': 1, ':now': nowSeconds, ':max': maxTries },
    });
  }

  /** Ends the pending sign-in, if it is still there and live: of two racing completions, exactly one gets true. */
  async completeMfaLogin(tokenHash: string, nowSeconds: number): Promise<boolean> {
    return this.delete(mfaLoginKey(tokenHash), {
      ConditionExpression: 'attribute_exists(#pk) AND #expiresAt > :now',
      ExpressionAttributeNames: { '#pk': KEY.partition, '#expiresAt': ATTRIBUTE.expiresAt },
      ExpressionAttributeValues: { ':now': nowSeconds },
    });
  }

  // --- Passkeys ---

  /** Adds a passkey; false when that credential is already registered to this user. */
  async putPasskey(record: PasskeyRecord): Promise<boolean> {
    return this.putNew(passkeyKey(record.userKey, record.id), { [ATTRIBUTE.type]: 'passkey', ...record });
  }

  async getPasskey(userKey: string, passkeyId: string): Promise<PasskeyRecord | null> {
    const item = await this.get(passkeyKey(userKey, passkeyId));
    return item === undefined ? null : toPasskeyRecord(item);
  }

  /** Every passkey of a user: a paginated Query on the user's partition. */
  async listPasskeys(userKey: string): Promise<PasskeyRecord[]> {
    return storeCall(async () => {
      const passkeys: PasskeyRecord[] = [];
      let startKey: Record<string, unknown> | undefined;
      do {
        const page = await this.client.send(
          new QueryCommand({
            TableName: this.tableName,
            KeyConditionExpression: '#pk = :pk AND begins_with(#sk, :prefix)',
            ExpressionAttributeNames: { '#pk': KEY.partition, '#sk': KEY.sort },
            ExpressionAttributeValues: { ':pk': passkeyItems.partition(userKey), ':prefix': passkeyItems.sortPrefix },
            ConsistentRead: true,
            ExclusiveStartKey: startKey,
          }),
        );
        passkeys.push(...(page.Items ?? []).map(toPasskeyRecord));
        startKey = page.LastEvaluatedKey;
      } while (startKey !== undefined);
      return passkeys;
    });
  }

  /**
   * Records a sign-in with a passkey: the new signature counter and when. Written only while the stored
   * counter is still the one the caller checked against, so two racing assertions cannot both move it.
   */
  async recordPasskeyUse(
    userKey: string,
    passkeyId: string,
    use: { expectedCounter: number; counter: number; lastUsedAt: number; backedUp: boolean },
  ): Promise<boolean> {
    return this.update(
      passkeyKey(userKey, passkeyId),
      'SET #counter = :counter, #lastUsedAt = :lastUsedAt, #backedUp = :backedUp',
      {
        ConditionExpression: 'attribute_exists(#pk) AND #counter = :expected',
        ExpressionAttributeNames: {
          '#pk': KEY.partition,
          '#counter': ATTRIBUTE.counter,
          '#lastUsedAt': ATTRIBUTE.lastUsedAt,
          '#backedUp': ATTRIBUTE.backedUp,
        },
        ExpressionAttributeValues: {
          ':counter': use.counter,
          ':lastUsedAt': use.lastUsedAt,
          ':backedUp': use.backedUp,
          ':expected': use.expectedCounter,
        },
      },
    );
  }

  /** Removes a passkey; false when the user had no such passkey. */
  async deletePasskey(userKey: string, passkeyId: string): Promise<boolean> {
    return this.delete(passkeyKey(userKey, passkeyId), EXISTS);
  }

  // --- WebAuthn user handles ---

  async getUserHandle(userKey: string): Promise<string | null> {
    const item = await this.get(userHandleKey(userKey));
    return item === undefined ? null : toUserHandle(item);
  }

  /**
   * Gives the user `userHandle` unless they already have one; returns the handle they end up with. The
   * lookup item is written first, so a handle is never given out that sign-in could not resolve.
   */
  async claimUserHandle(userKey: string, userHandle: string): Promise<string> {
    if (!(await this.putNew(handleLookupKey(userHandle), { [ATTRIBUTE.type]: 'passkey-handle', [ATTRIBUTE.userKey]: userKey }))) {
      throw new Error('user handle collision');
    }
    if (await this.putNew(userHandleKey(userKey), { [ATTRIBUTE.type]: 'passkey-user', [ATTRIBUTE.userHandle]: userHandle }))
      return userHandle;
    // A concurrent request gave the user a handle first: keep theirs and drop our lookup item.
    await this.delete(handleLookupKey(userHandle), EXISTS);
    const existing = await this.getUserHandle(userKey);
    if (existing === null) throw new Error('user handle vanished while being claimed');
    return existing;
  }

  /** Removes the user's handle and its lookup item (the account is gone). */
  async deleteUserHandle(userKey: string): Promise<void> {
    const userHandle = await this.getUserHandle(userKey);
    if (userHandle === null) return;
    await this.delete(handleLookupKey(userHandle), EXISTS);
    await this.delete(userHandleKey(userKey), EXISTS);
  }

  /** The user a handle names, or null. */
  async userKeyForHandle(userHandle: string): Promise<string | null> {
    const item = await this.get(handleLookupKey(userHandle));
    return item === undefined ? null : toHandleOwner(item);
  }

  // --- WebAuthn challenges ---

  async putChallenge(record: ChallengeRecord): Promise<void> {
    // Challenges are random; refusing to overwrite makes a collision loud instead of silent.
    if (!(await this.putNew(challengeKey(record.challenge), { [ATTRIBUTE.type]: 'challenge', ...record }))) {
      throw new Error('challenge collision');
    }
  }

  /**
   * Uses up a challenge: true only for the first taker, while it is live, for the purpose (and user) it
   * was made for. A challenge made for one ceremony never serves another.
   */
  async takeChallenge(
    challenge: string,
    purpose: ChallengePurpose,
    userKey: string | undefined,
    nowSeconds: number,
  ): Promise<boolean> {
    return this.delete(challengeKey(challenge), {
      ConditionExpression: `#purpose = :purpose AND #expiresAt > :now AND ${userKey === undefined ? 'attribute_not_exists(#userKey)' : '#userKey = :userKey'}`,
      ExpressionAttributeNames: {
        '#purpose': ATTRIBUTE.purpose,
        '#expiresAt': ATTRIBUTE.expiresAt,
        '#userKey': ATTRIBUTE.userKey,
      },
      ExpressionAttributeValues: {
        ':purpose': purpose,
        ':now': nowSeconds,
        ...(userKey === undefined ? {} : { ':userKey': userKey }),
      },
    });
  }

  // --- One item at a time ---

  private async get(key: ItemKey): Promise<Record<string, unknown> | undefined> {
    return storeCall(
      async () => (await this.client.send(new GetCommand({ TableName: this.tableName, Key: key, ConsistentRead: true }))).Item,
    );
  }

  private async put(key: ItemKey, attributes: object): Promise<void> {
    await storeCall(() => this.client.send(new PutCommand({ TableName: this.tableName, Item: { ...key, ...attributes } })));
  }

  /** Writes an item unless one with its key exists; false when it did. */
  private async putNew(key: ItemKey, attributes: object): Promise<boolean> {
    return conditionalWrite(() =>
      this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...key, ...attributes },
          ...EXISTS,
          ConditionExpression: 'attribute_not_exists(#pk)',
        }),
      ),
    );
  }

  /** One conditional UpdateItem; false when the condition did not hold. */
  private async update(key: ItemKey, updateExpression: string, expression: ItemExpression): Promise<boolean> {
    return conditionalWrite(() =>
      this.client.send(
        new UpdateCommand({ TableName: this.tableName, Key: key, UpdateExpression: updateExpression, ...expression }),
      ),
    );
  }

  /** One conditional DeleteItem; false when the condition did not hold. */
  private async delete(key: ItemKey, expression: ItemExpression): Promise<boolean> {
    return conditionalWrite(() => this.client.send(new DeleteCommand({ TableName: this.tableName, Key: key, ...expression })));
  }
}
