//go:build amd64 && !purego

#include "textflag.h"

// func masksSSE2(p *byte, blocks int, comma byte, out *blockMask)
//
// For each 64-byte block at p: four 16-byte loads, each compared with the
// delimiter, '\n' and '"' broadcast to every byte; PMOVMSKB turns a
// compare into 16 bits, and four of them make the block's 64-bit mask.
// out advances 24 bytes (d, n, q) a block.
TEXT ·masksSSE2(SB), NOSPLIT, $0-32
	MOVQ p+0(FP), SI
	MOVQ blocks+8(FP), CX
	MOVBQZX comma+16(FP), AX
	MOVQ out+24(FP), DI

	// X0 = comma, X1 = '\n', X2 = '"' in every byte.
	MOVQ AX, X0
	PUNPCKLBW X0, X0
	PSHUFLW $0, X0, X0
	PUNPCKLQDQ X0, X0
	MOVQ $0x0a, AX
	MOVQ AX, X1
	PUNPCKLBW X1, X1
	PSHUFLW $0, X1, X1
	PUNPCKLQDQ X1, X1
	MOVQ $0x22, AX
	MOVQ AX, X2
	PUNPCKLBW X2, X2
	PSHUFLW $0, X2, X2
	PUNPCKLQDQ X2, X2

loop:
	TESTQ CX, CX
	JZ done
	MOVOU 0(SI), X4
	MOVOU 16(SI), X5
	MOVOU 32(SI), X6
	MOVOU 48(SI), X7

#define MASK(K, OFF) \
	MOVO X4, X8; PCMPEQB K, X8; PMOVMSKB X8, AX; \
	MOVO X5, X9; PCMPEQB K, X9; PMOVMSKB X9, BX; \
	MOVO X6, X10; PCMPEQB K, X10; PMOVMSKB X10, DX; \
	MOVO X7, X11; PCMPEQB K, X11; PMOVMSKB X11, R8; \
	SHLQ $16, BX; SHLQ $32, DX; SHLQ $48, R8; \
	ORQ BX, AX; ORQ R8, DX; ORQ DX, AX; \
	MOVQ AX, OFF(DI)

	MASK(X0, 0)
	MASK(X1, 8)
	MASK(X2, 16)

	ADDQ $64, SI
	ADDQ $24, DI
	DECQ CX
	JMP loop

done:
	RET
