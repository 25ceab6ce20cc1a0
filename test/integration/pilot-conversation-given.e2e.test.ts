import { describeGotoConversation } from './pilot-conversation.js';

describeGotoConversation('given', 'pcg-');
