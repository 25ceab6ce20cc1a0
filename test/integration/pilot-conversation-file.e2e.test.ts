import { describeGotoConversation } from './pilot-conversation.js';

describeGotoConversation('file', 'pcf-');
