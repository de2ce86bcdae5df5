# expect: local LONG_RUNTIME
import asyncio

async def main():
    await asyncio.sleep(60)

asyncio.run(main())
