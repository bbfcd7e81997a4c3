// CommonJS: the Gemini adapter through require(), with call().
const { GooglePrompt } = require("@promptstream/provider-google");

class Ask extends GooglePrompt({ template: "USER: {question}" }) {}

(async () => {
  const response = await new Ask({ question: "How are you?" }).call();
  console.log(`cjs: ${response.content.length > 0} finish=${response.finishReason}`);
})();
