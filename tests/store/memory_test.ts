import { MemoryStore } from "../../lib/store/memory.ts";
import { storeContract } from "./_contract.ts";

storeContract(
  "MemoryStore",
  () => Promise.resolve({ store: new MemoryStore(), cleanup: () => Promise.resolve() }),
);
