import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, DynamoDBDocumentClient, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { conditionalWrite, storeCall } from './calls';
import { type MailTokenRecord, STAMP_BEFORE_STAMPS, toAddressOwner, toMailTokenRecord } from './records';
import { ATTRIBUTE, accountKey, addressClaimKey, KEY, mailTokenKey } from './table';

/**
 * Email addresses and mailed tokens. No transactions: each rule that must hold under concurrency is
 * the condition of one single-item write.
 *
 * - A token item (MAILTOKEN#<sha256>) says which account and purpose a link is for; the account item
 *   names the one token of each purpose that may be used (`verifyTokenHash`, `resetTokenHash`), so a
 *   newer token voids the older one by replacing that hash, and using a token is a conditional write
 *   of the account item on that hash (of two racing uses exactly one wins).
 * - A verified address is claimed by a claim item (EMAIL#<address>) written only if it is absent or
 *   already this account's: of two accounts verifying one address exactly one gets it. A claim whose
 *   account no longer has that address (deleted, changed, a cleanup that failed) is stale and may be
 *   taken over, conditionally on its stale owner.
 */
export class EmailStore {
  private readonly client: DynamoDBDocumentClient;

  constructor(
    dynamo: DynamoDBClient,
    private readonly tableName: string,
  ) {
    this.client = DynamoDBDocumentClient.from(dynamo, { marshallOptions: { removeUndefinedValues: true } });
  }

  async putToken(token: MailTokenRecord): Promise<void> {
    await storeCall(() =>
      this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...mailTokenKey(token.tokenHash), [ATTRIBUTE.type]: 'mail-token', ...token },
          // Tokens are 256 random bits: a collision would be a bug, so it is loud.
          ConditionExpression: 'attribute_not_exists(#pk)',
          ExpressionAttributeNames: { '#pk': KEY.partition },
        }),
      ),
    );
  }

  /** The token item, expired or not (the caller decides). */
  async getToken(tokenHash: string): Promise<MailTokenRecord | null> {
    return storeCall(async () => {
      const { Item } = await this.client.send(
        new GetCommand({ TableName: this.tableName, Key: mailTokenKey(tokenHash), ConsistentRead: true }),
      );
      return Item === undefined ? null : toMailTokenRecord(Item);
    });
  }

  async deleteToken(tokenHash: string): Promise<void> {
    await storeCall(() => this.client.send(new DeleteCommand({ TableName: this.tableName, Key: mailTokenKey(tokenHash) })));
  }

  /**
   * Sets the address awaiting verification and the one token that may verify it (voiding any older
   * one). False when the account is gone.
   */
  async setPendingAddress(userKey: string, change: { address: string; tokenHash: string }): Promise<boolean> {
    return conditionalWrite(() =>
      this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: accountKey(userKey),
          UpdateExpression: 'SET #pending = :address, #verifyHash = :hash',
          ConditionExpression: 'attribute_exists(#pk)',
          ExpressionAttributeNames: {
            '#pk': KEY.partition,
            '#pending': ATTRIBUTE.pendingEmail,
            '#verifyHash': ATTRIBUTE.verifyTokenHash,
          },
          ExpressionAttributeValues: { ':address': change.address, ':hash': change.tokenHash },
        }),
      ),
    );
  }

  /** Drops the address awaiting verification (the user went back to the verified one). */
  async clearPendingAddress(userKey: string): Promise<void> {
    await conditionalWrite(() =>
      this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: accountKey(userKey),
          UpdateExpression: 'REMOVE #pending, #verifyHash',
          ConditionExpression: 'attribute_exists(#pk)',
          ExpressionAttributeNames: {
            '#pk': KEY.partition,
            '#pending': ATTRIBUTE.pendingEmail,
            '#verifyHash': ATTRIBUTE.verifyTokenHash,
          },
        }),
      ),
    );
  }

  /**
   * Makes the pending address the verified one, using up the token: only while the account still names
   * this token and this address. False when it does not (used, replaced, account gone).
   */
  async confirmAddress(userKey: string, use: { address: string; tokenHash: string }): Promise<boolean> {
    return conditionalWrite(() =>
      this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: accountKey(userKey),
          UpdateExpression: 'SET #verified = :address REMOVE #pending, #verifyHash',
          ConditionExpression: 'attribute_exists(#pk) AND #verifyHash = :hash AND #pending = :address',
          ExpressionAttributeNames: {
            '#pk': KEY.partition,
            '#verified': ATTRIBUTE.verifiedEmail,
            '#pending': ATTRIBUTE.pendingEmail,
            '#verifyHash': ATTRIBUTE.verifyTokenHash,
          },
          ExpressionAttributeValues: { ':address': use.address, ':hash': use.tokenHash },
        }),
      ),
    );
  }

  /** The account that claimed an address, if any. */
  async addressOwner(address: string): Promise<string | null> {
    return storeCall(async () => {
      const { Item } = await this.client.send(
        new GetCommand({ TableName: this.tableName, Key: addressClaimKey(address), ConsistentRead: true }),
      );
      return Item === undefined ? null : toAddressOwner(Item);
    });
  }

  /**
   * Claims an address for `userKey`: only if nobody holds it, it is already this account's, or it is
   * still held by `staleOwner` (whose account no longer has it). False when another account holds it.
   */
  async claimAddress(address: string, userKey: string, staleOwner?: string): Promise<boolean> {
    const values: Record<string, string> = { ':me': userKey };
    if (staleOwner !== undefined) values[':stale'] = staleOwner;
    return conditionalWrite(() =>
      this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: {
            ...addressClaimKey(address),
            [ATTRIBUTE.type]: 'address-claim',
            [ATTRIBUTE.userKey]: userKey,
            [ATTRIBUTE.address]: address,
          },
          ConditionExpression: `attribute_not_exists(#pk) OR #owner = :me${staleOwner === undefined ? '' : ' OR #owner = :stale'}`,
          ExpressionAttributeNames: { '#pk': KEY.partition, '#owner': ATTRIBUTE.userKey },
          ExpressionAttributeValues: values,
        }),
      ),
    );
  }

  /** Gives up an address this account holds (after it verified another, or was deleted); no-op otherwise. */
  async releaseAddress(address: string, userKey: string): Promise<void> {
    await conditionalWrite(() =>
      this.client.send(
        new DeleteCommand({
          TableName: this.tableName,
          Key: addressClaimKey(address),
          ConditionExpression: '#owner = :me',
          ExpressionAttributeNames: { '#owner': ATTRIBUTE.userKey },
          ExpressionAttributeValues: { ':me': userKey },
        }),
      ),
    );
  }

  /** Names the one reset token that may be used (voiding any older one). False when the account is gone. */
  async setResetToken(userKey: string, tokenHash: string): Promise<boolean> {
    return conditionalWrite(() =>
      this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: accountKey(userKey),
          UpdateExpression: 'SET #resetHash = :hash',
          ConditionExpression: 'attribute_exists(#pk)',
          ExpressionAttributeNames: { '#pk': KEY.partition, '#resetHash': ATTRIBUTE.resetTokenHash },
          ExpressionAttributeValues: { ':hash': tokenHash },
        }),
      ),
    );
  }

  /**
   * Sets a new password through a reset token, in one write that is also the token's single use and
   * every session's end (a new stamp): only while the account still names this token and still has the
   * stamp the token was made under (no password change since). False otherwise.
   */
  async resetPassword(
    userKey: string,
    change: { tokenHash: string; expectedStamp: string; passwordHash: string; nextStamp: string },
  ): Promise<boolean> {
    const stampCondition =
      change.expectedStamp === STAMP_BEFORE_STAMPS ? 'attribute_not_exists(#stamp)' : '#stamp = :expectedStamp';
    return conditionalWrite(() =>
      this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: accountKey(userKey),
          UpdateExpression: 'SET #hash = :passwordHash, #stamp = :nextStamp REMOVE #resetHash',
          ConditionExpression: `attribute_exists(#pk) AND #resetHash = :tokenHash AND ${stampCondition}`,
          ExpressionAttributeNames: {
            '#pk': KEY.partition,
            '#hash': ATTRIBUTE.passwordHash,
            '#stamp': ATTRIBUTE.securityStamp,
            '#resetHash': ATTRIBUTE.resetTokenHash,
          },
          ExpressionAttributeValues: {
            ':tokenHash': change.tokenHash,
            ':passwordHash': change.passwordHash,
            ':nextStamp': change.nextStamp,
            ...(change.expectedStamp === STAMP_BEFORE_STAMPS ? {} : { ':expectedStamp': change.expectedStamp }),
          },
        }),
      ),
    );
  }
}
