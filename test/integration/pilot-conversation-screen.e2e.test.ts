import { describeGotoConversation } from './pilot-conversation.js';

describeGotoConversation('screen', 'pcs-');
