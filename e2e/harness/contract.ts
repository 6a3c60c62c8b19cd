// What the tests may send: the product contract and the test contract of test builds.
import type { TestProtocolMap } from '../../src/background/test-hooks.ts'
import type { ProtocolMap } from '../../src/shared/protocol.ts'

export type AnyProtocolMap = ProtocolMap & TestProtocolMap
export type AnyName = keyof AnyProtocolMap
export type AnyInput<K extends AnyName> = AnyProtocolMap[K][0]
export type AnyOutput<K extends AnyName> = AnyProtocolMap[K][1]
