/**
 * The `type` string of every host → webview message. Kebab-case of the message name; stable wire
 * values, so a reloaded webview and an updated host keep understanding each other.
 */
export const HostMessageType = {
  DidLoadChat: 'did-load-chat',
  DidAppendMessage: 'did-append-message',
  DidStreamText: 'did-stream-text',
  DidStartTool: 'did-start-tool',
  DidUpdateTool: 'did-update-tool',
  DidEndTool: 'did-end-tool',
  DidChangeTodos: 'did-change-todos',
  DidCompact: 'did-compact',
  DidRequestPermission: 'did-request-permission',
  DidResolvePermission: 'did-resolve-permission',
  DidProposeEdit: 'did-propose-edit',
  DidUpdateEdit: 'did-update-edit',
  DidResolveEdit: 'did-resolve-edit',
  DidReviewEditHunks: 'did-review-edit-hunks',
  DidCheckDiagnostics: 'did-check-diagnostics',
  DidStartTurn: 'did-start-turn',
  DidRetry: 'did-retry',
  DidCutAnswer: 'did-cut-answer',
  DidEndTurn: 'did-end-turn',
  DidInterruptTurn: 'did-interrupt-turn',
  DidFail: 'did-fail',
  DidChangeContext: 'did-change-context',
  DidTakeCheckpoint: 'did-take-checkpoint',
  DidRewindChat: 'did-rewind-chat',
  DidChangeQueue: 'did-change-queue',
  DidChangeDraft: 'did-change-draft',
  SendMessageReply: 'send-message-reply',
  ChangeQueuedMessageReply: 'change-queued-message-reply',
  DidChangeChats: 'did-change-chats',
  DidChangeState: 'did-change-state',
  DidChangeMcpServers: 'did-change-mcp-servers',
  SearchChatsReply: 'search-chats-reply',
} as const;

/** The union of host → webview `type` strings. */
export type HostMessageTypeName = (typeof HostMessageType)[keyof typeof HostMessageType];

/** The `type` string of every webview → host message. Commands expect no reply; requests do. */
export const WebviewMessageType = {
  ReadyCommand: 'ready',
  SendMessageRequest: 'send-message',
  StopCommand: 'stop',
  AnswerPermissionCommand: 'answer-permission',
  AnswerEditCommand: 'answer-edit',
  AnswerAllEditsCommand: 'answer-all-edits',
  ReviewInEditorCommand: 'review-in-editor',
  ChangeDraftCommand: 'change-draft',
  AttachCommand: 'attach',
  RemoveAttachmentCommand: 'remove-attachment',
  ChangeQueuedMessageRequest: 'change-queued-message',
  SendQueuedCommand: 'send-queued',
  NewChatCommand: 'new-chat',
  OpenChatCommand: 'open-chat',
  SelectModelCommand: 'select-model',
  SelectModeCommand: 'select-mode',
  OpenLinkCommand: 'open-link',
  OpenFileCommand: 'open-file',
  RunActionCommand: 'run-action',
  McpServerCommand: 'mcp-server',
  RewindCommand: 'rewind',
  SearchChatsRequest: 'search-chats',
  RenameChatCommand: 'rename-chat',
  DeleteChatCommand: 'delete-chat',
  ExportChatCommand: 'export-chat',
  ShowMemoryCommand: 'show-memory',
} as const;

/** The union of webview → host `type` strings. */
export type WebviewMessageTypeName = (typeof WebviewMessageType)[keyof typeof WebviewMessageType];
