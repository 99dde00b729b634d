<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ko_KR">
<context>
    <name>actions</name>
    <message>
        <source>&lt;table cellpadding=3&gt;
&lt;tr&gt;&lt;td&gt;&lt;b&gt;Space&lt;/b&gt;&lt;/td&gt;&lt;td&gt;Play / Pause&lt;/td&gt;&lt;/tr&gt;
&lt;tr&gt;&lt;td&gt;&lt;b&gt;S&lt;/b&gt; or &lt;b&gt;Right&lt;/b&gt;&lt;/td&gt;&lt;td&gt;Step: one truncated-BPTT block, with a probe&lt;/td&gt;&lt;/tr&gt;
&lt;tr&gt;&lt;td&gt;&lt;b&gt;E&lt;/b&gt;&lt;/td&gt;&lt;td&gt;Train to the end of the epoch&lt;/td&gt;&lt;/tr&gt;
&lt;tr&gt;&lt;td&gt;&lt;b&gt;Ctrl+R&lt;/b&gt;&lt;/td&gt;&lt;td&gt;Reset the weights&lt;/td&gt;&lt;/tr&gt;
&lt;tr&gt;&lt;td&gt;&lt;b&gt;Ctrl+Z&lt;/b&gt;&lt;/td&gt;&lt;td&gt;Rewind to a recent step (after a divergence, say)&lt;/td&gt;&lt;/tr&gt;
&lt;tr&gt;&lt;td&gt;&lt;b&gt;G&lt;/b&gt;&lt;/td&gt;&lt;td&gt;Show the BPTT stepper (unrolled graph and truncated-BPTT map)&lt;/td&gt;&lt;/tr&gt;
&lt;tr&gt;&lt;td&gt;&lt;b&gt;L&lt;/b&gt;&lt;/td&gt;&lt;td&gt;Show the seq2seq lab&lt;/td&gt;&lt;/tr&gt;
&lt;tr&gt;&lt;td&gt;&lt;b&gt;Enter&lt;/b&gt; in the prefix field&lt;/td&gt;&lt;td&gt;Generate a sample&lt;/td&gt;&lt;/tr&gt;
&lt;tr&gt;&lt;td&gt;&lt;b&gt;Esc&lt;/b&gt;&lt;/td&gt;&lt;td&gt;Leave a number field (Space, S, Right, E and G work in one too,
applying its new value first)&lt;/td&gt;&lt;/tr&gt;
&lt;/table&gt;</source>
        <translation>&lt;table cellpadding=3&gt;
&lt;tr&gt;&lt;td&gt;&lt;b&gt;Space&lt;/b&gt;&lt;/td&gt;&lt;td&gt;재생 / 일시정지&lt;/td&gt;&lt;/tr&gt;
&lt;tr&gt;&lt;td&gt;&lt;b&gt;S&lt;/b&gt; 또는 &lt;b&gt;Right&lt;/b&gt;&lt;/td&gt;&lt;td&gt;한 스텝: Truncated BPTT 블록 하나를 학습하고 프로브를 받습니다&lt;/td&gt;&lt;/tr&gt;
&lt;tr&gt;&lt;td&gt;&lt;b&gt;E&lt;/b&gt;&lt;/td&gt;&lt;td&gt;이번 에폭이 끝날 때까지 학습&lt;/td&gt;&lt;/tr&gt;
&lt;tr&gt;&lt;td&gt;&lt;b&gt;Ctrl+R&lt;/b&gt;&lt;/td&gt;&lt;td&gt;가중치 초기화&lt;/td&gt;&lt;/tr&gt;
&lt;tr&gt;&lt;td&gt;&lt;b&gt;Ctrl+Z&lt;/b&gt;&lt;/td&gt;&lt;td&gt;최근 스텝으로 되감기 (발산한 뒤 등)&lt;/td&gt;&lt;/tr&gt;
&lt;tr&gt;&lt;td&gt;&lt;b&gt;G&lt;/b&gt;&lt;/td&gt;&lt;td&gt;BPTT 스테퍼 보기 (펼친 계산 그래프와 Truncated BPTT 지도)&lt;/td&gt;&lt;/tr&gt;
&lt;tr&gt;&lt;td&gt;&lt;b&gt;L&lt;/b&gt;&lt;/td&gt;&lt;td&gt;Seq2seq 실험실 보기&lt;/td&gt;&lt;/tr&gt;
&lt;tr&gt;&lt;td&gt;시작 문자열 칸에서 &lt;b&gt;Enter&lt;/b&gt;&lt;/td&gt;&lt;td&gt;샘플 생성&lt;/td&gt;&lt;/tr&gt;
&lt;tr&gt;&lt;td&gt;&lt;b&gt;Esc&lt;/b&gt;&lt;/td&gt;&lt;td&gt;숫자 칸에서 나가기 (숫자 칸에서도 Space, S, Right, E, G가 동작하며,
입력한 새 값을 먼저 적용합니다)&lt;/td&gt;&lt;/tr&gt;
&lt;/table&gt;</translation>
    </message>
    <message>
        <source>Automatic (by screen size)</source>
        <translation>자동 (화면 크기에 따라)</translation>
    </message>
    <message>
        <source>Compact on a laptop screen, wide on a large one</source>
        <translation>노트북 화면에서는 좁은 배치, 큰 화면에서는 넓은 배치</translation>
    </message>
    <message>
        <source>Wide (1600 x 1000 and up)</source>
        <translation>넓은 화면 (1600 x 1000 이상)</translation>
    </message>
    <message>
        <source>Every panel side by side, captions shown</source>
        <translation>모든 패널을 나란히, 설명 표시</translation>
    </message>
    <message>
        <source>Compact (laptop)</source>
        <translation>좁은 화면 (노트북)</translation>
    </message>
    <message>
        <source>Fewer columns, captions folded, panels in tabs</source>
        <translation>열을 줄이고, 설명은 접고, 패널은 탭으로</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>한 스텝</translation>
    </message>
    <message>
        <source>One truncated-BPTT block: forward, backward, clip, update (S or Right)</source>
        <translation>Truncated BPTT 블록 하나: 순전파, 역전파, 기울기 클리핑, 갱신 (S 또는 Right)</translation>
    </message>
    <message>
        <source>Step epoch</source>
        <translation>한 에폭</translation>
    </message>
    <message>
        <source>Train to the end of the current epoch, then pause (E)</source>
        <translation>이번 에폭이 끝날 때까지 학습하고 멈춥니다 (E)</translation>
    </message>
    <message>
        <source>Reset</source>
        <translation>초기화</translation>
    </message>
    <message>
        <source>Fresh weights from the seed, iteration 0 (Ctrl+R)</source>
        <translation>시드로 가중치를 새로 만들고 반복 0부터 (Ctrl+R)</translation>
    </message>
    <message>
        <source>Rewind...</source>
        <translation>되감기...</translation>
    </message>
    <message>
        <source>Go back to a recent step, e.g. after a divergence (Ctrl+Z)</source>
        <translation>최근 스텝으로 돌아갑니다. 예: 발산한 뒤 (Ctrl+Z)</translation>
    </message>
    <message>
        <source>Evaluate validation</source>
        <translation>검증 데이터 평가</translation>
    </message>
    <message>
        <source>Measure validation perplexity now</source>
        <translation>지금 검증 퍼플렉서티를 잽니다</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>학습</translation>
    </message>
    <message>
        <source> Speed cap </source>
        <translation> 속도 제한 </translation>
    </message>
    <message>
        <source>unlimited</source>
        <translation>제한 없음</translation>
    </message>
    <message>
        <source> steps/s</source>
        <translation> 스텝/초</translation>
    </message>
    <message>
        <source>Slow training down for a class to follow (0 = as fast as it goes)</source>
        <translation>수업에서 따라갈 수 있도록 학습을 천천히 진행합니다 (0 = 가능한 한 빠르게)</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>파일(&amp;F)</translation>
    </message>
    <message>
        <source>Open corpus...</source>
        <translation>말뭉치 열기...</translation>
    </message>
    <message>
        <source>Train on a text file of your own</source>
        <translation>직접 고른 텍스트 파일로 학습합니다</translation>
    </message>
    <message>
        <source>Open checkpoint...</source>
        <translation>체크포인트 열기...</translation>
    </message>
    <message>
        <source>Open recent</source>
        <translation>최근 파일</translation>
    </message>
    <message>
        <source>Save checkpoint...</source>
        <translation>체크포인트 저장...</translation>
    </message>
    <message>
        <source>Import weights...</source>
        <translation>가중치 가져오기...</translation>
    </message>
    <message>
        <source>Open a model saved as .safetensors in PyTorch&apos;s names (nn.Embedding + nn.RNN/LSTM/GRU + nn.Linear) to train on the Experiment form&apos;s corpus</source>
        <translation>PyTorch의 이름(nn.Embedding + nn.RNN/LSTM/GRU + nn.Linear)으로 .safetensors에 저장된 모델을 열어 실험 양식의 말뭉치로 학습합니다</translation>
    </message>
    <message>
        <source>Export weights...</source>
        <translation>가중치 내보내기...</translation>
    </message>
    <message>
        <source>Write the model&apos;s weights as .safetensors in PyTorch&apos;s names, its vocabulary beside them (.vocab.txt)</source>
        <translation>모델의 가중치를 PyTorch의 이름으로 .safetensors에 쓰고, 어휘를 그 옆에(.vocab.txt) 씁니다</translation>
    </message>
    <message>
        <source>Save seq2seq run...</source>
        <translation>Seq2seq 실행 저장...</translation>
    </message>
    <message>
        <source>Save the seq2seq lab&apos;s model and curves (open it with Open checkpoint)</source>
        <translation>Seq2seq 실험실의 모델과 곡선을 저장합니다 (체크포인트 열기로 엽니다)</translation>
    </message>
    <message>
        <source>Save classifier run...</source>
        <translation>분류기 실행 저장...</translation>
    </message>
    <message>
        <source>Save the classifier lab&apos;s model and curves (open it with Open checkpoint)</source>
        <translation>분류기 실험실의 모델과 곡선을 저장합니다 (체크포인트 열기로 엽니다)</translation>
    </message>
    <message>
        <source>Save compared models...</source>
        <translation>비교한 모델 저장...</translation>
    </message>
    <message>
        <source>Save each compared model with its curves as a checkpoint of its own (run.npz gives run-lstm.npz, run-gru.npz, ...)</source>
        <translation>비교한 각 모델을 곡선과 함께 따로 체크포인트로 저장합니다 (run.npz는 run-lstm.npz, run-gru.npz, ...가 됩니다)</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>내보내기</translation>
    </message>
    <message>
        <source>{format} image...</source>
        <translation>{format} 이미지...</translation>
    </message>
    <message>
        <source>Seq2seq: {view}</source>
        <translation>Seq2seq: {view}</translation>
    </message>
    <message>
        <source>Classifier: {view}</source>
        <translation>분류기: {view}</translation>
    </message>
    <message>
        <source>Metrics as CSV...</source>
        <translation>지표 (CSV)...</translation>
    </message>
    <message>
        <source>Config as JSON...</source>
        <translation>설정 (JSON)...</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>끝내기</translation>
    </message>
    <message>
        <source>&amp;Run</source>
        <translation>실행(&amp;R)</translation>
    </message>
    <message>
        <source>Check gradients...</source>
        <translation>기울기 검사...</translation>
    </message>
    <message>
        <source>Compare the model&apos;s gradients with float64 central differences on the current batch (on a copy: training is not disturbed)</source>
        <translation>현재 미니배치에서 모델의 기울기를 float64 중심 차분과 비교합니다 (복사본에서 하므로 학습에는 영향이 없습니다)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>보기(&amp;V)</translation>
    </message>
    <message>
        <source>BPTT stepper</source>
        <translation>BPTT 스테퍼</translation>
    </message>
    <message>
        <source>Show the unrolled graph and the truncated-BPTT map (G)</source>
        <translation>펼친 계산 그래프와 Truncated BPTT 지도를 봅니다 (G)</translation>
    </message>
    <message>
        <source>Seq2seq lab</source>
        <translation>Seq2seq 실험실</translation>
    </message>
    <message>
        <source>Show the seq2seq lab: addition and dates with reverse, peeky, attention (L)</source>
        <translation>Seq2seq 실험실 보기: 덧셈과 날짜 문제, 입력 반전(Reverse), 엿보기(Peeky), 어텐션 (L)</translation>
    </message>
    <message>
        <source>Classifier lab</source>
        <translation>분류기 실험실</translation>
    </message>
    <message>
        <source>Show the classifier lab: a many-to-one RNN reads a review, and the gradient of truncated BPTT stops after k steps (K)</source>
        <translation>분류기 실험실을 엽니다: 다대일 분류기 RNN이 리뷰를 읽고, Truncated BPTT의 기울기는 k 시각 뒤에 멈춥니다 (K)</translation>
    </message>
    <message>
        <source>Compare models</source>
        <translation>모델 비교</translation>
    </message>
    <message>
        <source>Train RNN, LSTM and GRU (or clipping on and off, or two learning rates) in lockstep on the same batches and watch them side by side (C)</source>
        <translation>RNN, LSTM, GRU(또는 클리핑 켬/끔, 두 학습률)를 같은 미니배치로 나란히 한 스텝씩 학습하고 함께 봅니다 (C)</translation>
    </message>
    <message>
        <source>Layout</source>
        <translation>배치</translation>
    </message>
    <message>
        <source>Reset layout</source>
        <translation>배치 초기화</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>도움말(&amp;H)</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>단축키</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>언어</translation>
    </message>
    <message>
        <source>Nothing to save</source>
        <translation>저장할 것이 없습니다</translation>
    </message>
    <message>
        <source>Build a model first (Apply).</source>
        <translation>먼저 모델을 만드세요 (적용).</translation>
    </message>
    <message>
        <source>Save checkpoint</source>
        <translation>체크포인트 저장</translation>
    </message>
    <message>
        <source>rnnviz checkpoints (*.npz)</source>
        <translation>rnnviz 체크포인트 (*.npz)</translation>
    </message>
    <message>
        <source>Open checkpoint</source>
        <translation>체크포인트 열기</translation>
    </message>
    <message>
        <source>rnnviz checkpoints (*.npz);;All files (*)</source>
        <translation>rnnviz 체크포인트 (*.npz);;모든 파일 (*)</translation>
    </message>
    <message>
        <source>Could not open the checkpoint</source>
        <translation>체크포인트를 열 수 없습니다</translation>
    </message>
    <message>
        <source>Export {title}</source>
        <translation>{title} 내보내기</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>내보내기 실패</translation>
    </message>
    <message>
        <source>Export metrics</source>
        <translation>지표 내보내기</translation>
    </message>
    <message>
        <source>Nothing to export</source>
        <translation>내보낼 것이 없습니다</translation>
    </message>
    <message>
        <source>Export config</source>
        <translation>설정 내보내기</translation>
    </message>
    <message>
        <source>{format} image (*.{suffix})</source>
        <translation>{format} 이미지 (*.{suffix})</translation>
    </message>
</context>
<context>
    <name>app</name>
    <message>
        <source>rnnviz: no display found (DISPLAY is not set); run it from a desktop session, or use `rnnviz train` for the command line (`--screenshot` works with QT_QPA_PLATFORM=offscreen)</source>
        <translation>rnnviz: 디스플레이가 없습니다 (DISPLAY가 설정되지 않음). 데스크톱 세션에서 실행하거나, 명령줄에서는 `rnnviz train`을 쓰세요 (`--screenshot`은 QT_QPA_PLATFORM=offscreen으로 동작합니다)</translation>
    </message>
    <message>
        <source>training stopped early</source>
        <translation>학습이 일찍 멈췄습니다</translation>
    </message>
    <message>
        <source>rnnviz gui: could not capture {path}: {reason}</source>
        <translation>rnnviz gui: {path}을(를) 캡처할 수 없습니다: {reason}</translation>
    </message>
    <message>
        <source>saved {path} at step {step}</source>
        <translation>스텝 {step}에서 {path} 저장</translation>
    </message>
</context>
<context>
    <name>archive</name>
    <message>
        <source>{name}: is a seq2seq checkpoint; open it in the seq2seq lab</source>
        <translation>{name}: seq2seq 체크포인트입니다. Seq2seq 실험실에서 여세요</translation>
    </message>
    <message>
        <source>{names} and {count} more</source>
        <translation>{names} 외 {count}개</translation>
    </message>
    <message>
        <source>cannot write {path}: {reason}</source>
        <translation>{path}에 쓸 수 없습니다: {reason}</translation>
    </message>
    <message>
        <source>the disk is full ({error}); free some space and save again</source>
        <translation>디스크가 가득 찼습니다({error}). 공간을 확보한 뒤 다시 저장하세요</translation>
    </message>
    <message>
        <source>the disk quota is used up ({error}); free some space and save again</source>
        <translation>디스크 할당량을 다 썼습니다({error}). 공간을 확보한 뒤 다시 저장하세요</translation>
    </message>
    <message>
        <source>{name}: is a language-model checkpoint; open it with File &gt; Open checkpoint</source>
        <translation>{name}: 언어 모델 체크포인트입니다. 파일 &gt; 체크포인트 열기로 여세요</translation>
    </message>
    <message>
        <source>{name}: is a classifier checkpoint; open it in the classifier lab</source>
        <translation>{name}: 분류기 체크포인트입니다. 분류기 실험실에서 여세요</translation>
    </message>
    <message>
        <source>{where}: metadata is not JSON-serialisable ({error})</source>
        <translation>{where}: 메타데이터를 JSON으로 바꿀 수 없습니다({error})</translation>
    </message>
    <message>
        <source>{where}: metadata is {size} bytes, more than the {most} a checkpoint may hold</source>
        <translation>{where}: 메타데이터가 {size}바이트로, 체크포인트에 담을 수 있는 {most}바이트보다 큽니다</translation>
    </message>
    <message>
        <source>{name}: is a directory, not a checkpoint</source>
        <translation>{name}: 체크포인트가 아니라 디렉터리입니다</translation>
    </message>
    <message>
        <source>{name}: is not a regular file (a pipe, socket or device)</source>
        <translation>{name}: 일반 파일이 아닙니다(파이프, 소켓 또는 장치)</translation>
    </message>
    <message>
        <source>{name}: no such file</source>
        <translation>{name}: 파일이 없습니다</translation>
    </message>
    <message>
        <source>{name}: cannot read ({error})</source>
        <translation>{name}: 읽을 수 없습니다({error})</translation>
    </message>
    <message>
        <source>{name}: truncated or corrupt checkpoint (empty file)</source>
        <translation>{name}: 잘렸거나 손상된 체크포인트입니다(빈 파일)</translation>
    </message>
    <message>
        <source>{name}: truncated or corrupt checkpoint (not a .npz archive)</source>
        <translation>{name}: 잘렸거나 손상된 체크포인트입니다(.npz 아카이브가 아님)</translation>
    </message>
    <message>
        <source>65,535 or more</source>
        <translation>65,535 이상</translation>
    </message>
    <message>
        <source>{name}: the archive lists {count} entries; a checkpoint has at most {most}</source>
        <translation>{name}: 아카이브에 적힌 항목 수가 {count}입니다. 체크포인트의 항목은 최대 {most}개입니다</translation>
    </message>
    <message>
        <source>{name}: entry {entry} is not a .npy array</source>
        <translation>{name}: 항목 {entry}은(는) .npy 배열이 아닙니다</translation>
    </message>
    <message>
        <source>{name}: entry {entry} appears twice</source>
        <translation>{name}: 항목 {entry}이(가) 두 번 나옵니다</translation>
    </message>
    <message>
        <source>{name}: entry {entry} uses zip compression method {method}; only stored and deflated entries are read</source>
        <translation>{name}: 항목 {entry}은(는) zip 압축 방식 {method}을(를) 씁니다. 압축하지 않은(stored) 항목과 deflate 항목만 읽습니다</translation>
    </message>
    <message>
        <source>{name}: no meta.json entry (not an rnnviz checkpoint)</source>
        <translation>{name}: meta.json 항목이 없습니다(rnnviz 체크포인트가 아닙니다)</translation>
    </message>
    <message>
        <source>{name}: meta.json is {size} bytes; at most {most} are read</source>
        <translation>{name}: meta.json이 {size}바이트입니다. 최대 {most}바이트까지만 읽습니다</translation>
    </message>
    <message>
        <source>{name}: meta.json must be a 1-D uint8 array of UTF-8 bytes</source>
        <translation>{name}: meta.json은 UTF-8 바이트를 담은 1차원 uint8 배열이어야 합니다</translation>
    </message>
    <message>
        <source>{first} or {second}</source>
        <translation>{first} 또는 {second}</translation>
    </message>
    <message>
        <source>{name}: not an rnnviz checkpoint (meta.json format is {found}, expected {expected})</source>
        <translation>{name}: rnnviz 체크포인트가 아닙니다(meta.json의 format이 {found}입니다. 기대한 값: {expected})</translation>
    </message>
    <message>
        <source>{name}: meta.json &apos;version&apos; must be an integer, got {value}</source>
        <translation>{name}: meta.json의 &apos;version&apos;은 정수여야 합니다(값: {value})</translation>
    </message>
    <message>
        <source>{name}: written by format version {found}; this rnnviz reads version {version}</source>
        <translation>{name}: 형식 버전 {found}로 저장된 파일입니다. 이 rnnviz는 버전 {version}만 읽습니다</translation>
    </message>
    <message>
        <source>{name}: entry {entry} is .npy format version {version}, which is not read</source>
        <translation>{name}: 항목 {entry}은(는) .npy 형식 버전 {version}이라 읽을 수 없습니다</translation>
    </message>
    <message>
        <source>{name}: entry {entry} contains pickled objects, refused</source>
        <translation>{name}: 항목 {entry}에 피클된 객체가 들어 있어 읽지 않습니다</translation>
    </message>
    <message>
        <source>{name}: entry {entry} has dtype {dtype}; only booleans, numbers and fixed-width strings are read</source>
        <translation>{name}: 항목 {entry}의 dtype이 {dtype}입니다. 불리언, 숫자, 고정 길이 문자열만 읽습니다</translation>
    </message>
    <message>
        <source>{name}: truncated or corrupt checkpoint (entry {entry} declares shape {shape})</source>
        <translation>{name}: 잘렸거나 손상된 체크포인트입니다(항목 {entry}이(가) 형상 {shape}을(를) 선언합니다)</translation>
    </message>
    <message>
        <source>{name}: truncated or corrupt checkpoint (entry {entry} declares shape {shape} {dtype}, {size} bytes, but stores {stored})</source>
        <translation>{name}: 잘렸거나 손상된 체크포인트입니다(항목 {entry}은(는) 형상 {shape} {dtype}, {size}바이트라고 선언했지만 저장된 것은 {stored}바이트입니다)</translation>
    </message>
    <message>
        <source>{name}: truncated or corrupt checkpoint (entry {entry} ends early)</source>
        <translation>{name}: 잘렸거나 손상된 체크포인트입니다(항목 {entry}이(가) 중간에 끝납니다)</translation>
    </message>
    <message>
        <source>{name}: truncated or corrupt checkpoint ({error})</source>
        <translation>{name}: 잘렸거나 손상된 체크포인트입니다({error})</translation>
    </message>
    <message>
        <source>{name}: meta.json is not UTF-8 (invalid byte at offset {offset})</source>
        <translation>{name}: meta.json이 UTF-8이 아닙니다(오프셋 {offset}에 잘못된 바이트)</translation>
    </message>
    <message>
        <source>{name}: meta.json is not valid JSON ({error} at line {line} column {column})</source>
        <translation>{name}: meta.json이 올바른 JSON이 아닙니다({line}행 {column}열: {error})</translation>
    </message>
    <message>
        <source>nested too deeply</source>
        <translation>중첩이 너무 깊습니다</translation>
    </message>
    <message>
        <source>{name}: meta.json is not strict JSON ({reason})</source>
        <translation>{name}: meta.json이 엄격한 JSON이 아닙니다({reason})</translation>
    </message>
    <message>
        <source>{name}: meta.json must hold a JSON object, got {type}</source>
        <translation>{name}: meta.json에는 JSON 객체가 있어야 합니다(실제: {type})</translation>
    </message>
    <message>
        <source>{value} is not a JSON number</source>
        <translation>{value}은(는) JSON 숫자가 아닙니다</translation>
    </message>
    <message>
        <source>{value} is beyond float range</source>
        <translation>{value}은(는) 부동소수점 범위를 벗어납니다</translation>
    </message>
</context>
<context>
    <name>batches</name>
    <message>
        <source>corpus {name} has {count} tokens; batch_size={batch_size} x bptt={bptt} needs at least {needed}: give a longer text or lower batch_size or bptt</source>
        <translation>말뭉치 {name}의 토큰은 {count}개인데 batch_size={batch_size} x bptt={bptt}에는 최소 {needed}개가 필요합니다. 더 긴 텍스트를 쓰거나 batch_size나 bptt를 줄이세요</translation>
    </message>
    <message>
        <source>{label} must be a positive integer, got {value}</source>
        <translation>{label} 값은 양의 정수여야 합니다(입력값: {value})</translation>
    </message>
    <message>
        <source>stream state needs a non-negative integer &apos;time_idx&apos;, got {value}</source>
        <translation>스트림 상태에는 음이 아닌 정수 &apos;time_idx&apos;가 있어야 합니다(값: {value})</translation>
    </message>
    <message>
        <source>evaluation data has {count} tokens, too few to evaluate with batch_size={batch_size} x bptt={bptt} (needs at least {needed})</source>
        <translation>평가 데이터의 토큰이 {count}개뿐이라 batch_size={batch_size} x bptt={bptt}로 평가할 수 없습니다(최소 {needed}개 필요)</translation>
    </message>
</context>
<context>
    <name>busy</name>
    <message>
        <source>{task}… {percent} %</source>
        <translation>{task}… {percent}%</translation>
    </message>
    <message>
        <source>{task}…</source>
        <translation>{task}…</translation>
    </message>
</context>
<context>
    <name>cells</name>
    <message>
        <source>i, f, o, g from {x} {Wx} + {h_prev} {Wh} + {b} &#xa0;(N, 4H)</source>
        <translation>i, f, o, g는 {x} {Wx} + {h_prev} {Wh} + {b}에서 계산 &#xa0;(N, 4H)</translation>
    </message>
</context>
<context>
    <name>checkpoint</name>
    <message>
        <source>none</source>
        <translation>없음</translation>
    </message>
    <message>
        <source>{path}: no RNG state named {label} (saved: {saved})</source>
        <translation>{path}: 이름이 {label}인 RNG 상태가 없습니다(저장된 상태: {saved})</translation>
    </message>
    <message>
        <source>{path}: RNG state {label} does not fit this generator ({error})</source>
        <translation>{path}: RNG 상태 {label}이(가) 이 생성기에 맞지 않습니다({error})</translation>
    </message>
    <message>
        <source>cannot save {path}</source>
        <translation>{path}을(를) 저장할 수 없습니다</translation>
    </message>
    <message>
        <source>{where}: vocabulary has {count} tokens but the model&apos;s vocab_size is {size}</source>
        <translation>{where}: 어휘의 토큰은 {count}개인데 모델의 vocab_size는 {size}입니다</translation>
    </message>
    <message>
        <source>{where}: {label} must be a non-negative integer, got {value}</source>
        <translation>{where}: {label}은(는) 음이 아닌 정수여야 합니다(값: {value})</translation>
    </message>
    <message>
        <source>{name}: {reason}</source>
        <translation>{name}: {reason}</translation>
    </message>
    <message>
        <source>{where}: meta.json &apos;rng&apos; must map names to objects</source>
        <translation>{where}: meta.json &apos;rng&apos;는 이름마다 객체를 대응시켜야 합니다</translation>
    </message>
    <message>
        <source>{where}: meta.json &apos;rng&apos; has no &apos;dropout&apos; state</source>
        <translation>{where}: meta.json &apos;rng&apos;에 &apos;dropout&apos; 상태가 없습니다</translation>
    </message>
    <message>
        <source>{where}: RNG state &apos;dropout&apos; must be PCG64&apos;s, the model&apos;s generator</source>
        <translation>{where}: RNG 상태 &apos;dropout&apos;은 모델의 생성기인 PCG64의 상태여야 합니다</translation>
    </message>
    <message>
        <source>{name}: unexpected hidden-state entries {entries}</source>
        <translation>{name}: 예상하지 못한 은닉 상태 항목 {entries}이(가) 있습니다</translation>
    </message>
    <message>
        <source>{name}: state {key} has shape {shape} and dtype {dtype}, expected (N, {hidden}) {expected} with N &lt;= batch_size ({batch})</source>
        <translation>{name}: 상태 {key}의 형상은 {shape}, dtype은 {dtype}입니다. (N, {hidden}) {expected}이고 N &lt;= batch_size({batch})여야 합니다</translation>
    </message>
</context>
<context>
    <name>checkpoint_members</name>
    <message>
        <source>{where}: optimizer is {optimizer} but train_config.optimizer is {configured}</source>
        <translation>{where}: 옵티마이저는 {optimizer}인데 train_config.optimizer는 {configured}입니다</translation>
    </message>
    <message>
        <source>{where}: parameters {names} hold NaN or inf (the run diverged)</source>
        <translation>{where}: 매개변수 {names}에 NaN 또는 inf가 있습니다(학습이 발산했습니다)</translation>
    </message>
    <message>
        <source>{where}: {group} {key} is an object array</source>
        <translation>{where}: {group} {key}은(는) 객체 배열입니다</translation>
    </message>
    <message>
        <source>{where}: {group} {key} has dtype {dtype}; only booleans, numbers and fixed-width strings can be saved</source>
        <translation>{where}: {group} {key}의 dtype이 {dtype}입니다. 불리언, 숫자, 고정 길이 문자열만 저장할 수 있습니다</translation>
    </message>
    <message>
        <source>{where}: {count} extra arrays of {size}; at most {most} of {limit} together are saved</source>
        <translation>{where}: extra 배열이 {count}개, 모두 {size}입니다. 합쳐서 최대 {most}개, {limit}까지만 저장합니다</translation>
    </message>
    <message>
        <source>{name}: unexpected entries {entries} (expected {groups}/ or meta.json)</source>
        <translation>{name}: 예상하지 못한 항목 {entries}이(가) 있습니다({groups}/ 또는 meta.json이어야 합니다)</translation>
    </message>
    <message>
        <source>missing {names}</source>
        <translation>{names} 없음</translation>
    </message>
    <message>
        <source>unexpected {names}</source>
        <translation>예상하지 못한 {names}</translation>
    </message>
    <message>
        <source>{name}: parameters do not match {config}: {problems}</source>
        <translation>{name}: 매개변수가 {config}와 맞지 않습니다: {problems}</translation>
    </message>
    <message>
        <source>param {key} has shape {shape}, expected {expected}</source>
        <translation>매개변수 {key}의 형상이 {shape}입니다(기대: {expected})</translation>
    </message>
    <message>
        <source>param {key} has dtype {dtype}, expected {expected} ({config}.dtype)</source>
        <translation>매개변수 {key}의 dtype이 {dtype}입니다(기대: {expected}, {config}.dtype)</translation>
    </message>
    <message>
        <source>{name}: optimizer entries {entries} do not belong to {optimizer} (train_config.optimizer)</source>
        <translation>{name}: 옵티마이저 항목 {entries}은(는) {optimizer}(train_config.optimizer)의 것이 아닙니다</translation>
    </message>
    <message>
        <source>{name}: no optim/{key} entry</source>
        <translation>{name}: optim/{key} 항목이 없습니다</translation>
    </message>
    <message>
        <source>{name}: optim/{key} must be a non-negative integer scalar</source>
        <translation>{name}: optim/{key}은(는) 음이 아닌 정수 스칼라여야 합니다</translation>
    </message>
    <message>
        <source>optimizer entry {key}: {optimizer} has no slot {slot}</source>
        <translation>옵티마이저 항목 {key}: {optimizer}에는 {slot} 슬롯이 없습니다</translation>
    </message>
    <message>
        <source>optimizer entry {key} names no parameter of the model</source>
        <translation>옵티마이저 항목 {key}이(가) 가리키는 매개변수가 모델에 없습니다</translation>
    </message>
    <message>
        <source>optimizer entry {key} has shape {shape}, expected {expected}</source>
        <translation>옵티마이저 항목 {key}의 형상이 {shape}입니다(기대: {expected})</translation>
    </message>
    <message>
        <source>optimizer entry {key} has dtype {dtype}, expected {expected}</source>
        <translation>옵티마이저 항목 {key}의 dtype이 {dtype}입니다(기대: {expected})</translation>
    </message>
    <message>
        <source>{name}: {count} extra arrays; at most {most} are read</source>
        <translation>{name}: extra 배열이 {count}개입니다. 최대 {most}개까지만 읽습니다</translation>
    </message>
    <message>
        <source>{name}: extra arrays declare more than {limit} (at extra/{key}); at most that is read</source>
        <translation>{name}: extra 배열이 선언한 크기가 {limit}을(를) 넘습니다(extra/{key}에서). 그만큼까지만 읽습니다</translation>
    </message>
    <message>
        <source>{name}: {problems}</source>
        <translation>{name}: {problems}</translation>
    </message>
    <message>
        <source>param {key} holds {count} NaN or inf values</source>
        <translation>매개변수 {key}에 NaN 또는 inf 값이 {count}개 있습니다</translation>
    </message>
    <message>
        <source>optimizer entry {key} holds {count} NaN or inf values</source>
        <translation>옵티마이저 항목 {key}에 NaN 또는 inf 값이 {count}개 있습니다</translation>
    </message>
    <message>
        <source>state {key} holds {count} NaN or inf values</source>
        <translation>상태 {key}에 NaN 또는 inf 값이 {count}개 있습니다</translation>
    </message>
    <message>
        <source>optimizer slot {slot} lacks {names}</source>
        <translation>옵티마이저 슬롯 {slot}에 {names}이(가) 없습니다</translation>
    </message>
</context>
<context>
    <name>classify</name>
    <message>
        <source>no model yet: choose a data set</source>
        <translation>아직 모델이 없습니다: 데이터셋을 고르세요</translation>
    </message>
    <message>
        <source>reading {source} …</source>
        <translation>{source} 읽는 중 …</translation>
    </message>
    <message>
        <source>reading the run&apos;s data …</source>
        <translation>학습 데이터를 읽는 중 …</translation>
    </message>
</context>
<context>
    <name>classify_checkpoint</name>
    <message>
        <source>cannot save {path}</source>
        <translation>{path}을(를) 저장할 수 없습니다</translation>
    </message>
    <message>
        <source>{where}: the config given is not the model&apos;s (only truncate may differ)</source>
        <translation>{where}: 주어진 설정이 모델의 설정과 다릅니다(truncate만 다를 수 있습니다)</translation>
    </message>
    <message>
        <source>{where}: rng must be a NumPy Generator, got {type}</source>
        <translation>{where}: rng는 NumPy Generator여야 합니다. 실제: {type}</translation>
    </message>
    <message>
        <source>{name}: {reason}</source>
        <translation>{name}: {reason}</translation>
    </message>
    <message>
        <source>{name}: state entries must be &apos;epoch_sums&apos; and &apos;order&apos;, got {entries}</source>
        <translation>{name}: state 항목은 &apos;epoch_sums&apos;와 &apos;order&apos;여야 합니다(실제: {entries})</translation>
    </message>
    <message>
        <source>none</source>
        <translation>없음</translation>
    </message>
    <message>
        <source>{name}: state/order has shape {shape} and dtype {dtype}, expected ({size},) int64 (data.train_size)</source>
        <translation>{name}: state/order의 형상은 {shape}, dtype은 {dtype}입니다. ({size},) int64(data.train_size)여야 합니다</translation>
    </message>
    <message>
        <source>{name}: state/epoch_sums has shape {shape} and dtype {dtype}, expected (3,) float64 (loss, right answers, texts seen)</source>
        <translation>{name}: state/epoch_sums의 형상은 {shape}, dtype은 {dtype}입니다. (3,) float64(손실, 맞힌 수, 본 텍스트 수)여야 합니다</translation>
    </message>
    <message>
        <source>{where}: meta.json &apos;rng&apos; must hold just the &apos;order&apos; stream</source>
        <translation>{where}: meta.json의 &apos;rng&apos;에는 &apos;order&apos; 스트림 하나만 있어야 합니다</translation>
    </message>
    <message>
        <source>{where}: RNG &apos;order&apos; must be {{&quot;kind&quot;: &quot;Generator&quot;, &quot;state&quot;: ...}}</source>
        <translation>{where}: RNG &apos;order&apos;는 {{&quot;kind&quot;: &quot;Generator&quot;, &quot;state&quot;: ...}}여야 합니다</translation>
    </message>
    <message>
        <source>{where}: meta.json &apos;data&apos; must have the keys {keys}</source>
        <translation>{where}: meta.json의 &apos;data&apos;에는 키 {keys}가 있어야 합니다</translation>
    </message>
    <message>
        <source>{where}: data.name must be a non-empty string, got {value}</source>
        <translation>{where}: data.name은 비어 있지 않은 문자열이어야 합니다. 실제: {value}</translation>
    </message>
    <message>
        <source>{where}: data.{key} must be an integer in [{lo}, {hi}], got {value}</source>
        <translation>{where}: data.{key}는 [{lo}, {hi}] 범위의 정수여야 합니다. 실제: {value}</translation>
    </message>
    <message>
        <source>{where}: data.classes must be {count} different names (classifier_config.num_classes), got {value}</source>
        <translation>{where}: data.classes는 서로 다른 이름 {count}개여야 합니다(classifier_config.num_classes). 실제: {value}</translation>
    </message>
    <message>
        <source>{where}: state/order is not a permutation of the {size} training texts</source>
        <translation>{where}: state/order가 학습 텍스트 {size}개의 순열이 아닙니다</translation>
    </message>
    <message>
        <source>{where}: state/epoch_sums must be 3 finite numbers (loss, right, seen)</source>
        <translation>{where}: state/epoch_sums는 유한한 수 3개(손실, 맞힌 수, 본 수)여야 합니다</translation>
    </message>
    <message>
        <source>{where}: state/epoch_sums {sums} are not a loss, right answers and texts seen of the {size} training texts</source>
        <translation>{where}: state/epoch_sums {sums}은(는) 학습 텍스트 {size}개에 대한 손실, 맞힌 수, 본 텍스트 수가 될 수 없습니다</translation>
    </message>
    <message>
        <source>{name}: its texts cannot be loaded again from {source} ({reason}); pass the data the run was trained on</source>
        <translation>{name}: {source}에서 텍스트를 다시 읽을 수 없습니다({reason}). 학습에 쓴 데이터를 주세요</translation>
    </message>
    <message>
        <source>the same {count} tokens in another order</source>
        <translation>같은 토큰 {count}개가 다른 순서로 있습니다</translation>
    </message>
    <message>
        <source>{count} tokens, the checkpoint&apos;s {saved}</source>
        <translation>토큰 {count}개, 체크포인트에는 {saved}개</translation>
    </message>
    <message>
        <source>{name}: the vocabulary of {data} differs from the checkpoint&apos;s ({how}); resume with the data the run was trained on ({source})</source>
        <translation>{name}: {data}의 어휘가 체크포인트와 다릅니다({how}). 학습에 쓴 데이터({source})로 이어서 학습하세요</translation>
    </message>
    <message>
        <source>{name}: {data} has the classes {classes}, the checkpoint&apos;s run {saved}; resume with the data the run was trained on</source>
        <translation>{name}: {data}의 클래스는 {classes}인데 체크포인트의 학습은 {saved}입니다. 학습에 쓴 데이터로 이어서 학습하세요</translation>
    </message>
    <message>
        <source>{name}: {data} has {train} training and {valid} validation texts of {length} tokens, but the checkpoint&apos;s run had {saved_train} and {saved_valid} of {saved_length}; resume with the data the run was trained on</source>
        <translation>{name}: {data}에는 길이 {length} 토큰의 학습 텍스트 {train}개와 검증 텍스트 {valid}개가 있지만, 체크포인트의 학습에는 길이 {saved_length}의 {saved_train}개와 {saved_valid}개가 있었습니다. 학습에 쓴 데이터로 이어서 학습하세요</translation>
    </message>
</context>
<context>
    <name>classify_controls</name>
    <message>
        <source>first token</source>
        <translation>첫 토큰</translation>
    </message>
    <message>
        <source>reviews (English)</source>
        <translation>리뷰 (영어)</translation>
    </message>
    <message>
        <source>reviews (Korean)</source>
        <translation>리뷰 (한국어)</translation>
    </message>
    <message>
        <source>Open review table…</source>
        <translation>리뷰 표 열기…</translation>
    </message>
    <message>
        <source>Open aclImdb folder…</source>
        <translation>aclImdb 폴더 열기…</translation>
    </message>
    <message>
        <source>one-hot</source>
        <translation>원핫</translation>
    </message>
    <message>
        <source>embedding</source>
        <translation>임베딩</translation>
    </message>
    <message>
        <source>last h</source>
        <translation>마지막 h</translation>
    </message>
    <message>
        <source>mean of h</source>
        <translation>h의 평균</translation>
    </message>
    <message>
        <source>{name} (folder)</source>
        <translation>{name} (폴더)</translation>
    </message>
    <message>
        <source>{name} (file)</source>
        <translation>{name} (파일)</translation>
    </message>
    <message>
        <source>Data</source>
        <translation>데이터</translation>
    </message>
    <message>
        <source>Cell</source>
        <translation>셀</translation>
    </message>
    <message>
        <source>Input</source>
        <translation>입력</translation>
    </message>
    <message>
        <source>Pool</source>
        <translation>풀링</translation>
    </message>
    <message>
        <source>Gradient</source>
        <translation>기울기</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>일시정지</translation>
    </message>
    <message>
        <source>Play</source>
        <translation>재생</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>한 스텝</translation>
    </message>
    <message>
        <source>Train one mini-batch, then pause</source>
        <translation>미니배치 하나를 학습하고 멈춥니다</translation>
    </message>
    <message>
        <source>Step epoch</source>
        <translation>한 에폭</translation>
    </message>
    <message>
        <source>Train to the end of this epoch, measure validation accuracy, then pause</source>
        <translation>이번 에폭 끝까지 학습하고 검증 정확도를 잰 뒤 멈춥니다</translation>
    </message>
    <message>
        <source>Reset</source>
        <translation>초기화</translation>
    </message>
    <message>
        <source>Start again from step 0 with the same settings and the k shown (the same first weights)</source>
        <translation>같은 설정과 지금 표시된 k로 스텝 0부터 다시 시작합니다 (처음 가중치도 같습니다)</translation>
    </message>
    <message>
        <source>full BPTT</source>
        <translation>전체 BPTT</translation>
    </message>
    <message>
        <source>The backward pass walks back over every token of the text</source>
        <translation>역전파가 텍스트의 모든 토큰을 거슬러 갑니다</translation>
    </message>
    <message>
        <source>last k steps</source>
        <translation>마지막 k 시각</translation>
    </message>
    <message>
        <source>The backward pass walks back over the last k tokens only, as the NumPy loop of Do it! ch.9 does: what came before them never reaches the weights</source>
        <translation>역전파가 마지막 k 토큰만 거슬러 갑니다(Do it! 9장의 NumPy 반복문과 같음). 그보다 앞의 토큰은 가중치에 닿지 못합니다</translation>
    </message>
    <message>
        <source>The recurrent cell: RNN (tanh, as in Do it! ch.9), LSTM or GRU</source>
        <translation>순환 셀: RNN(tanh, Do it! 9장과 같음), LSTM 또는 GRU</translation>
    </message>
    <message>
        <source>How a word enters the cell: a one-hot vector (as in Do it! ch.9) or a learned embedding of 32 numbers</source>
        <translation>단어가 셀에 들어가는 방식: 원핫 벡터(Do it! 9장과 같음) 또는 학습되는 32차원 임베딩</translation>
    </message>
    <message>
        <source>What the output reads: the last hidden state h_T (as in Do it! ch.9), or the mean of h_t over the text</source>
        <translation>출력이 읽는 것: 마지막 은닉 상태 h_T(Do it! 9장과 같음) 또는 텍스트 전체에 걸친 h_t의 평균</translation>
    </message>
    <message>
        <source>k: how many steps back the gradient goes. A change applies from the next step, without rebuilding</source>
        <translation>k: 기울기가 거슬러 가는 시각 수. 바꾸면 모델을 다시 만들지 않고 다음 스텝부터 적용됩니다</translation>
    </message>
    <message>
        <source>Do it! ch.9 settings</source>
        <translation>Do it! 9장 설정</translation>
    </message>
    <message>
        <source>The NumPy RNN of Do it! ch.9: reviews as one-hot words (the 100 most frequent, the top 20 skipped), 32 tanh cells, the last h, gradient through the last 10 steps, SGD 0.01, 20 epochs</source>
        <translation>Do it! 9장의 NumPy RNN: 리뷰를 원핫 단어로 읽고(가장 많이 나오는 100개, 상위 20개는 건너뜀), tanh 셀 32개, 마지막 h, 마지막 10 시각만 거치는 기울기, SGD 0.01, 20 에폭</translation>
    </message>
    <message>
        <source>first token: only the first 3 words decide the label, the rest is noise (a memory test). Reviews: short generated reviews whose negations and &apos;but&apos; flip the verdict. Or open a table (.tsv, .csv: text and label columns, such as Naver&apos;s) or an aclImdb folder</source>
        <translation>첫 토큰: 처음 3단어만 레이블을 정하고 나머지는 잡음입니다(기억력 시험). 리뷰: 부정 표현과 &apos;하지만&apos;이 판정을 뒤집는, 생성된 짧은 리뷰입니다. 표 파일(.tsv, .csv: 텍스트 열과 레이블 열, 네이버 영화 리뷰 등)이나 aclImdb 폴더를 열 수도 있습니다</translation>
    </message>
    <message>
        <source>H, the number of hidden units</source>
        <translation>H: 은닉 상태의 유닛 수</translation>
    </message>
    <message>
        <source>Open an aclImdb folder (train/neg, train/pos)</source>
        <translation>aclImdb 폴더 열기 (train/neg, train/pos)</translation>
    </message>
    <message>
        <source>Open a table of reviews and labels</source>
        <translation>리뷰와 레이블 표 열기</translation>
    </message>
    <message>
        <source>Tables (*.tsv *.csv *.txt);;All files (*)</source>
        <translation>표 (*.tsv *.csv *.txt);;모든 파일 (*)</translation>
    </message>
</context>
<context>
    <name>classify_curves</name>
    <message>
        <source>classifier curves: bad iters_per_epoch entry</source>
        <translation>분류기 곡선: iters_per_epoch 항목이 잘못되었습니다</translation>
    </message>
    <message>
        <source>classifier curves: the columns differ in length</source>
        <translation>분류기 곡선: 열의 길이가 서로 다릅니다</translation>
    </message>
    <message>
        <source>negative</source>
        <translation>부정</translation>
    </message>
    <message>
        <source>positive</source>
        <translation>긍정</translation>
    </message>
    <message>
        <source>accuracy (%)</source>
        <translation>정확도 (%)</translation>
    </message>
    <message>
        <source>loss</source>
        <translation>손실</translation>
    </message>
    <message>
        <source>epoch</source>
        <translation>에폭</translation>
    </message>
    <message>
        <source>chance {percent} %</source>
        <translation>무작위 추측 {percent}%</translation>
    </message>
    <message>
        <source>validation</source>
        <translation>검증</translation>
    </message>
    <message>
        <source>training</source>
        <translation>학습</translation>
    </message>
    <message>
        <source>loss (each step)</source>
        <translation>손실 (스텝마다)</translation>
    </message>
    <message>
        <source>loss (smoothed)</source>
        <translation>손실 (평활화)</translation>
    </message>
    <message>
        <source>validation loss</source>
        <translation>검증 손실</translation>
    </message>
    <message>
        <source>each step</source>
        <translation>스텝마다</translation>
    </message>
    <message>
        <source>smoothed</source>
        <translation>평활화</translation>
    </message>
    <message>
        <source>epoch {epoch}
validation: {valid} %, loss {valid_loss}
training: {train} %, loss {train_loss}</source>
        <translation>에폭 {epoch}
검증: {valid}%, 손실 {valid_loss}
학습: {train}%, 손실 {train_loss}</translation>
    </message>
    <message>
        <source>P(guess)</source>
        <translation>P(예측)</translation>
    </message>
    <message>
        <source>label</source>
        <translation>레이블</translation>
    </message>
    <message>
        <source>text</source>
        <translation>텍스트</translation>
    </message>
    <message>
        <source>the model says {guess}</source>
        <translation>모델의 판정: {guess}</translation>
    </message>
</context>
<context>
    <name>classify_data</name>
    <message>
        <source>source must be a file, a folder or one of {choices}; got {value}</source>
        <translation>source는 파일, 폴더 또는 {choices} 중 하나여야 합니다. 실제: {value}</translation>
    </message>
    <message>
        <source>drop_unknown must be true or false, got {value}</source>
        <translation>drop_unknown은 true 또는 false여야 합니다. 실제: {value}</translation>
    </message>
    <message>
        <source>valid_fraction must be a number between 0 and 1 (exclusive), got {value}</source>
        <translation>valid_fraction은 0과 1 사이(양 끝 제외)의 수여야 합니다. 실제: {value}</translation>
    </message>
    <message>
        <source>first-token is a sequence of words; use level word</source>
        <translation>first-token은 단어의 나열입니다. 단어 단위(word)를 쓰세요</translation>
    </message>
    <message>
        <source>first-token needs max_len of at least {least}, since its first {least} words decide the label</source>
        <translation>first-token은 첫 {least}단어가 레이블을 정하므로 max_len이 {least} 이상이어야 합니다</translation>
    </message>
    <message>
        <source>the text is empty; type a few words</source>
        <translation>문장이 비어 있습니다. 단어를 몇 개 입력하세요</translation>
    </message>
    <message>
        <source>no word of the text is in the vocabulary of {name}; type words its texts use</source>
        <translation>입력한 문장의 어떤 단어도 {name}의 어휘에 없습니다. 그 데이터에 나오는 단어로 입력하세요</translation>
    </message>
    <message>
        <source>first token</source>
        <translation>첫 토큰</translation>
    </message>
    <message>
        <source>reviews (English)</source>
        <translation>리뷰 (영어)</translation>
    </message>
    <message>
        <source>reviews (Korean)</source>
        <translation>리뷰 (한국어)</translation>
    </message>
    <message>
        <source>{name}: no such file or folder; give a table (.tsv, .csv, .txt), an aclImdb folder or one of {choices}</source>
        <translation>{name}: 그런 파일이나 폴더가 없습니다. 표 파일(.tsv, .csv, .txt), aclImdb 폴더 또는 {choices} 중 하나를 주세요</translation>
    </message>
    <message>
        <source>{name}: only {count} example; at least 2 are needed, one to train on and one to validate</source>
        <translation>{name}: 예제가 {count}개뿐입니다. 학습용과 검증용으로 최소 2개가 필요합니다</translation>
    </message>
    <message>
        <source>training</source>
        <translation>학습</translation>
    </message>
    <message>
        <source>validation</source>
        <translation>검증</translation>
    </message>
    <message>
        <source>{name}: nothing is left of the {which} examples once words outside the vocabulary are dropped; raise vocab_size, lower skip_top or turn drop_unknown off</source>
        <translation>{name}: 어휘 밖의 단어를 버리고 나니 {which} 예제가 하나도 남지 않습니다. vocab_size를 늘리거나 skip_top을 줄이거나 drop_unknown을 끄세요</translation>
    </message>
    <message>
        <source>{name}: the {which} examples hold no {level} tokens; give texts with words in them</source>
        <translation>{name}: {which} 예제에 {level} 토큰이 없습니다. 단어가 든 텍스트를 주세요</translation>
    </message>
    <message>
        <source>the number of examples must be an integer of at least 2, got {value}</source>
        <translation>예제 수는 2 이상의 정수여야 합니다. 실제: {value}</translation>
    </message>
    <message>
        <source>at most {most} examples can be generated here, got {count}; lower n</source>
        <translation>여기서는 예제를 최대 {most}개까지 만들 수 있습니다(요청: {count}개). n을 줄이세요</translation>
    </message>
    <message>
        <source>first-token needs max_len of at least {least} (its cue is the first {least} words), got {value}</source>
        <translation>first-token에는 max_len이 {least} 이상 필요합니다(첫 {least}단어가 단서입니다). 실제: {value}</translation>
    </message>
    <message>
        <source>reviews come in &apos;en&apos; or &apos;ko&apos;, got {value}</source>
        <translation>리뷰 언어는 &apos;en&apos; 또는 &apos;ko&apos;입니다. 실제: {value}</translation>
    </message>
</context>
<context>
    <name>classify_files</name>
    <message>
        <source>{name}: not an IMDB review folder; give the aclImdb folder, whose train/neg and train/pos folders hold one .txt review each</source>
        <translation>{name}: IMDB 리뷰 폴더가 아닙니다. train/neg와 train/pos 폴더에 리뷰가 하나씩 .txt로 들어 있는 aclImdb 폴더를 주세요</translation>
    </message>
    <message>
        <source>{name}: cannot list its {part} folder ({error})</source>
        <translation>{name}: {part} 폴더의 목록을 읽을 수 없습니다({error})</translation>
    </message>
    <message>
        <source>{name}: its {part} folder holds no .txt reviews; give the aclImdb folder as extracted</source>
        <translation>{name}: {part} 폴더에 .txt 리뷰가 없습니다. 압축을 푼 그대로의 aclImdb 폴더를 주세요</translation>
    </message>
    <message>
        <source>{name}: its reviews take {size} MB, at most {most} MB are read; use a folder with fewer reviews</source>
        <translation>{name}: 리뷰가 {size} MB입니다. 최대 {most} MB까지 읽습니다. 리뷰가 더 적은 폴더를 쓰세요</translation>
    </message>
    <message>
        <source>{name}/{part}: {error}</source>
        <translation>{name}/{part}: {error}</translation>
    </message>
    <message>
        <source>{name}: is an archive; extract it and give the aclImdb folder or the table inside</source>
        <translation>{name}: 압축 파일입니다. 압축을 풀고 안의 aclImdb 폴더나 표 파일을 주세요</translation>
    </message>
    <message>
        <source>{name}: too large for a review table ({size} MB, at most {most} MB); use a file of fewer rows</source>
        <translation>{name}: 리뷰 표로는 너무 큽니다({size} MB, 최대 {most} MB). 행이 더 적은 파일을 쓰세요</translation>
    </message>
    <message>
        <source>{name}: line {line} is not a well-formed table row (an unclosed quote, or a field over 128 KB)</source>
        <translation>{name}: {line}번째 줄이 올바른 표 행이 아닙니다(닫히지 않은 따옴표, 또는 128 KB가 넘는 필드)</translation>
    </message>
    <message>
        <source>{name}: its header has one column; give a table with a text and a label column, separated by tabs or commas</source>
        <translation>{name}: 머리 행에 열이 하나뿐입니다. 탭이나 쉼표로 구분된 텍스트 열과 레이블 열이 있는 표를 주세요</translation>
    </message>
    <message>
        <source>{name}: line {line} has {count} fields but the header has {width}; quote texts that hold a comma</source>
        <translation>{name}: {line}번째 줄의 필드는 {count}개인데 머리 행은 {width}개입니다. 쉼표가 든 텍스트는 따옴표로 감싸세요</translation>
    </message>
    <message>
        <source>{name}: line {line} has no label in column {column}; give every row a label</source>
        <translation>{name}: {line}번째 줄의 {column} 열에 레이블이 없습니다. 모든 행에 레이블을 넣으세요</translation>
    </message>
    <message>
        <source>{name}: no row has a text in column {column}; give rows of text and label under the header</source>
        <translation>{name}: {column} 열에 텍스트가 있는 행이 없습니다. 머리 행 아래에 텍스트와 레이블 행을 넣으세요</translation>
    </message>
    <message>
        <source>{name}: column {column} holds {count} different labels, at most {most} are allowed; is it the label column?</source>
        <translation>{name}: {column} 열에 서로 다른 레이블이 {count}개 있습니다. 최대 {most}개까지 허용됩니다. 레이블 열이 맞나요?</translation>
    </message>
    <message>
        <source>{name}: every row has the label {label} in column {column}; a classifier needs at least two classes</source>
        <translation>{name}: 모든 행의 {column} 열 레이블이 {label}입니다. 분류기에는 클래스가 두 개 이상 필요합니다</translation>
    </message>
</context>
<context>
    <name>classify_lab</name>
    <message>
        <source>Classifier lab</source>
        <translation>분류기 실험실</translation>
    </message>
    <message>
        <source>Whole lab</source>
        <translation>실험실 전체</translation>
    </message>
    <message>
        <source>Accuracy and loss curves</source>
        <translation>정확도와 손실 곡선</translation>
    </message>
    <message>
        <source>Validation examples</source>
        <translation>검증 예</translation>
    </message>
    <message>
        <source>Review, token by token (all three views)</source>
        <translation>토큰별로 읽은 리뷰 (세 그림 모두)</translation>
    </message>
    <message>
        <source>P(positive) after every token</source>
        <translation>토큰마다 P(긍정)</translation>
    </message>
    <message>
        <source>Hidden state over the tokens</source>
        <translation>토큰별 은닉 상태</translation>
    </message>
    <message>
        <source>Gradient over the tokens</source>
        <translation>토큰별 기울기</translation>
    </message>
    <message>
        <source>Rebuild the model?</source>
        <translation>모델을 다시 만들까요?</translation>
    </message>
    <message>
        <source>Use the settings of Do it! ch.9?</source>
        <translation>Do it! 9장 설정을 쓸까요?</translation>
    </message>
    <message>
        <source>Could not build the model: {message}</source>
        <translation>모델을 만들 수 없습니다: {message}</translation>
    </message>
    <message>
        <source>building {model} …</source>
        <translation>{model} 만드는 중…</translation>
    </message>
    <message>
        <source>Reset the model?</source>
        <translation>모델을 초기화할까요?</translation>
    </message>
    <message>
        <source>Open a classifier run?</source>
        <translation>분류기 실행을 열까요?</translation>
    </message>
    <message>
        <source>Opened the classifier run {path} at step {step}</source>
        <translation>분류기 실행 {path}을(를) 스텝 {step}에서 열었습니다</translation>
    </message>
</context>
<context>
    <name>classify_presets</name>
    <message>
        <source>Do it! ch.9: NumPy RNN, one-hot, last 10 steps</source>
        <translation>Do it! 9장: NumPy RNN, 원핫, 마지막 10 시각</translation>
    </message>
    <message>
        <source>Do it! ch.9: Embedding(1000, 32) + SimpleRNN(8)</source>
        <translation>Do it! 9장: Embedding(1000, 32) + SimpleRNN(8)</translation>
    </message>
    <message>
        <source>Do it! ch.9: Embedding(1000, 32) + LSTM(64)</source>
        <translation>Do it! 9장: Embedding(1000, 32) + LSTM(64)</translation>
    </message>
</context>
<context>
    <name>classify_review</name>
    <message>
        <source>Type e.g. “{positive}” (positive) or “{negative}” (negative), then press Enter</source>
        <translation>예: “{positive}”(긍정) 또는 “{negative}”(부정)를 입력하고 Enter를 누르세요</translation>
    </message>
    <message>
        <source>Type a review such as “the plot was not boring at all”, then press Enter</source>
        <translation>“the plot was not boring at all” 같은 영어 리뷰를 입력하고 Enter를 누르세요</translation>
    </message>
    <message>
        <source>Type a review in Korean, then press Enter</source>
        <translation>한국어 리뷰를 입력하고 Enter를 누르세요</translation>
    </message>
    <message>
        <source>Type a review, then press Enter</source>
        <translation>리뷰를 입력하고 Enter를 누르세요</translation>
    </message>
    <message>
        <source>Read</source>
        <translation>읽기</translation>
    </message>
    <message>
        <source>Read the text token by token with the model as it is now (Enter does the same)</source>
        <translation>지금의 모델로 텍스트를 토큰마다 읽습니다 (Enter도 같습니다)</translation>
    </message>
    <message>
        <source>gradient for</source>
        <translation>기울기 기준</translation>
    </message>
    <message>
        <source>The label a typed text is scored against: the gradient view shows the gradient training would take for it. A validation example uses its own label.</source>
        <translation>입력한 텍스트를 채점할 레이블입니다. 기울기 그림은 학습이 이 레이블로 구할 기울기를 보여 줍니다. 검증 예는 자기 레이블을 씁니다.</translation>
    </message>
    <message>
        <source>Unroll in graph</source>
        <translation>그래프로 펼치기</translation>
    </message>
    <message>
        <source>Show this text unrolled in the Unrolled graph panel: every node&apos;s size and gradient, up to the one output</source>
        <translation>이 텍스트를 &apos;펼친 계산 그래프&apos; 패널에 펼쳐 보여 줍니다. 하나뿐인 출력까지 모든 노드의 크기와 기울기를 볼 수 있습니다.</translation>
    </message>
    <message>
        <source>validation example {n}</source>
        <translation>검증 예 {n}</translation>
    </message>
    <message>
        <source>label {label}</source>
        <translation>레이블 {label}</translation>
    </message>
</context>
<context>
    <name>classify_session</name>
    <message>
        <source>model vocab_size {size} != the data&apos;s {count} tokens</source>
        <translation>모델의 vocab_size {size}이(가) 데이터의 토큰 수 {count}와 다릅니다</translation>
    </message>
    <message>
        <source>model num_classes {size} != the data&apos;s {count} classes</source>
        <translation>모델의 num_classes {size}이(가) 데이터의 클래스 수 {count}와 다릅니다</translation>
    </message>
    <message>
        <source>{name}: {count} training texts, fewer than one batch of {batch}; lower the batch size</source>
        <translation>{name}: 학습 텍스트가 {count}개로 배치 하나({batch}개)보다 적습니다. 배치 크기를 줄이세요</translation>
    </message>
    <message>
        <source>the truncation k must be 0 (full BPTT) or a positive number of steps, got {value}</source>
        <translation>Truncated BPTT의 k는 0(전체 BPTT) 또는 양의 시각 수여야 합니다. 실제: {value}</translation>
    </message>
    <message>
        <source>validation stopped after {done} of {total} texts</source>
        <translation>텍스트 {total}개 중 {done}개를 검증하고 멈췄습니다</translation>
    </message>
    <message>
        <source>validation example {example} does not exist (there are {count})</source>
        <translation>검증 예제 {example}번은 없습니다(모두 {count}개)</translation>
    </message>
</context>
<context>
    <name>classify_status</name>
    <message>
        <source>Discard {steps} steps of training?

The model starts again from random weights, and its curves are cleared (File &gt; Save classifier run... keeps them).</source>
        <translation>학습한 {steps} 스텝을 버릴까요?

모델은 무작위 가중치에서 다시 시작하고 곡선도 지워집니다 (파일 &gt; 분류기 실행 저장...으로 남겨 둘 수 있습니다).</translation>
    </message>
    <message>
        <source>Saved the classifier run {path} (step {step})</source>
        <translation>분류기 실행을 {path}에 저장했습니다 (스텝 {step})</translation>
    </message>
    <message>
        <source>Could not build the model: {message}</source>
        <translation>모델을 만들 수 없습니다: {message}</translation>
    </message>
    <message>
        <source>Could not open the run: {message}</source>
        <translation>실행을 열 수 없습니다: {message}</translation>
    </message>
    <message>
        <source>First token: only the first {cue} of {T} words decide the label, and the loss comes after the last, so its gradient must travel back all {T} steps.</source>
        <translation>첫 토큰: {T}단어 중 처음 {cue}단어만 레이블을 정하고 손실은 마지막 단어 뒤에 나오므로, 기울기가 {T} 시각을 모두 거슬러 가야 합니다.</translation>
    </message>
    <message>
        <source>Negations and &apos;but&apos; flip a review&apos;s verdict: type one and watch P(positive) after every word.</source>
        <translation>부정 표현과 &apos;하지만&apos;이 리뷰의 판정을 뒤집습니다. 리뷰를 입력하고 단어마다 바뀌는 P(긍정)을 보세요.</translation>
    </message>
    <message>
        <source>With k = {k} it never gets there: expect accuracy near chance.</source>
        <translation>k = {k}이면 기울기가 거기까지 가지 못하므로 정확도는 무작위 추측 수준에 머뭅니다.</translation>
    </message>
    <message>
        <source>With k = {k} nothing before a text&apos;s last {k} tokens can change the weights.</source>
        <translation>k = {k}이면 텍스트의 마지막 {k} 토큰보다 앞의 것은 가중치를 바꾸지 못합니다.</translation>
    </message>
    <message>
        <source>With full BPTT it gets there: watch validation accuracy leave chance after a few epochs.</source>
        <translation>전체 BPTT라면 거기까지 닿습니다. 몇 에폭 뒤 검증 정확도가 무작위 추측 수준을 벗어나는지 보세요.</translation>
    </message>
    <message>
        <source>Full BPTT: the gradient reaches every token.</source>
        <translation>전체 BPTT: 기울기가 모든 토큰에 닿습니다.</translation>
    </message>
    <message>
        <source>{k} applies from the next step (this run began with {before}): Reset to start over with it.</source>
        <translation>{k}는 다음 스텝부터 적용됩니다(이 학습은 {before}로 시작했습니다). 이 설정으로 처음부터 하려면 초기화하세요.</translation>
    </message>
    <message>
        <source>{message} A new one builds the model again.</source>
        <translation>{message} 새 프로세스에서 모델을 다시 만듭니다.</translation>
    </message>
    <message>
        <source>{data}: {train} training / {valid} validation texts</source>
        <translation>{data}: 학습 텍스트 {train}개 / 검증 텍스트 {valid}개</translation>
    </message>
    <message>
        <source>{count} weights</source>
        <translation>가중치 {count}개</translation>
    </message>
    <message>
        <source>step {step}</source>
        <translation>스텝 {step}</translation>
    </message>
    <message>
        <source>epoch {epoch} of {epochs}</source>
        <translation>에폭 {epoch} / {epochs}</translation>
    </message>
    <message>
        <source>loss {loss}</source>
        <translation>손실 {loss}</translation>
    </message>
    <message>
        <source>{rate} steps/s</source>
        <translation>{rate} 스텝/초</translation>
    </message>
    <message>
        <source>validation accuracy &lt;b&gt;{accuracy} %&lt;/b&gt;</source>
        <translation>검증 정확도 &lt;b&gt;{accuracy}%&lt;/b&gt;</translation>
    </message>
    <message>
        <source>training</source>
        <translation>학습 중</translation>
    </message>
    <message>
        <source>planned epochs done: Play continues</source>
        <translation>계획한 에폭 완료: 재생하면 계속합니다</translation>
    </message>
    <message>
        <source>paused</source>
        <translation>일시정지</translation>
    </message>
    <message>
        <source>diverged</source>
        <translation>발산</translation>
    </message>
    <message>
        <source>full BPTT</source>
        <translation>전체 BPTT</translation>
    </message>
</context>
<context>
    <name>classify_trace</name>
    <message>
        <source>unit</source>
        <translation>유닛</translation>
    </message>
    <message>
        <source>gradient of layer</source>
        <translation>기울기를 볼 계층</translation>
    </message>
    <message>
        <source>no gradient reaches here (k = {k})</source>
        <translation>여기에는 기울기가 닿지 않습니다 (k = {k})</translation>
    </message>
    <message>
        <source>no gradient (k = {k})</source>
        <translation>기울기 없음 (k = {k})</translation>
    </message>
    <message>
        <source>k = {k} ≥ {n} tokens: the gradient reaches all of them</source>
        <translation>k = {k} ≥ 토큰 {n}개: 기울기가 모든 토큰에 닿습니다</translation>
    </message>
    <message>
        <source>full BPTT: the gradient reaches every token</source>
        <translation>전체 BPTT: 기울기가 모든 토큰에 닿습니다</translation>
    </message>
    <message>
        <source>token {t}: &apos;{token}&apos;</source>
        <translation>토큰 {t}: &apos;{token}&apos;</translation>
    </message>
    <message>
        <source>unit {unit}: h = {value}</source>
        <translation>유닛 {unit}: h = {value}</translation>
    </message>
    <message>
        <source>‖∂L/∂h‖ {value} (full BPTT {full})</source>
        <translation>‖∂L/∂h‖ {value} (전체 BPTT {full})</translation>
    </message>
    <message>
        <source>before the cut: no gradient</source>
        <translation>끊는 곳 앞: 기울기 없음</translation>
    </message>
</context>
<context>
    <name>cli</name>
    <message>
        <source>--threads must be at least 1</source>
        <translation>--threads 값은 1 이상이어야 합니다</translation>
    </message>
    <message>
        <source>interrupted</source>
        <translation>중단됨</translation>
    </message>
    <message>
        <source>out of memory (try a smaller model, batch or corpus)</source>
        <translation>메모리가 부족합니다(더 작은 모델, 배치, 말뭉치로 해 보세요)</translation>
    </message>
    <message>
        <source>{flag} must be at least 1, got {value}</source>
        <translation>{flag} 값은 1 이상이어야 합니다(입력값: {value})</translation>
    </message>
    <message>
        <source>{path} does not say which corpus it was trained on; pass --corpus</source>
        <translation>{path}에는 어떤 말뭉치로 학습했는지 기록되어 있지 않습니다. --corpus를 지정하세요</translation>
    </message>
    <message>
        <source>{corpus} does not match the run&apos;s vocabulary; pass --corpus</source>
        <translation>{corpus}의 어휘가 학습에 쓴 어휘와 다릅니다. --corpus를 지정하세요</translation>
    </message>
    <message>
        <source>the test split</source>
        <translation>테스트 데이터</translation>
    </message>
    <message>
        <source>the validation split</source>
        <translation>검증 데이터</translation>
    </message>
    <message>
        <source>the run has no test or validation data; pass --corpus PATH</source>
        <translation>이 학습에는 테스트 데이터도 검증 데이터도 없습니다. --corpus PATH를 지정하세요</translation>
    </message>
    <message>
        <source>perplexity {perplexity} on {data} ({count} tokens)</source>
        <translation>{data}의 퍼플렉서티 {perplexity} (토큰 {count}개)</translation>
    </message>
    <message>
        <source>--length must be &gt;= 0, got {value}</source>
        <translation>--length 값은 0 이상이어야 합니다(입력값: {value})</translation>
    </message>
</context>
<context>
    <name>cli_classify</name>
    <message>
        <source>{flags} does not apply to --task classify</source>
        <translation>{flags}은(는) --task classify에 쓰이지 않습니다</translation>
    </message>
    <message>
        <source>{flags} do not apply to --task classify</source>
        <translation>{flags}은(는) --task classify에 쓰이지 않습니다</translation>
    </message>
    <message>
        <source>two data sets given ({first} and --corpus {second}); give one</source>
        <translation>데이터셋이 두 개 주어졌습니다({first}와 --corpus {second}). 하나만 주세요</translation>
    </message>
    <message>
        <source>full BPTT</source>
        <translation>전체 BPTT</translation>
    </message>
    <message>
        <source>backprop through the last {k} steps</source>
        <translation>마지막 {k}개 시각만 역전파</translation>
    </message>
    <message>
        <source>one-hot</source>
        <translation>원핫</translation>
    </message>
    <message>
        <source>embedding</source>
        <translation>임베딩</translation>
    </message>
    <message>
        <source>{name}: {train} training and {valid} validation texts, {vocab} tokens, T = {T}; {cell} {input}, H = {hidden}, {cut}, {steps} steps per epoch</source>
        <translation>{name}: 학습 텍스트 {train}개, 검증 텍스트 {valid}개, 토큰 {vocab}종, T = {T}; {cell} {input}, H = {hidden}, {cut}, 에폭당 {steps}스텝</translation>
    </message>
    <message>
        <source>{flags} cannot change when resuming a classifier run; only --lr, --clip, --epochs, --steps and --truncate can</source>
        <translation>분류기 학습을 이어서 할 때 {flags}은(는) 바꿀 수 없습니다. --lr, --clip, --epochs, --steps, --truncate만 바꿀 수 있습니다</translation>
    </message>
    <message>
        <source>final validation accuracy {accuracy} % (best {best} %) in {seconds} s; wrote {folder}</source>
        <translation>최종 검증 정확도 {accuracy} %(최고 {best} %), {seconds}초; {folder}에 저장했습니다</translation>
    </message>
    <message>
        <source>{steps} steps, less than one epoch ({per_epoch} steps): no validation accuracy yet; wrote {folder}</source>
        <translation>{steps}스텝으로 한 에폭({per_epoch}스텝)이 안 됩니다: 아직 검증 정확도가 없습니다. {folder}에 저장했습니다</translation>
    </message>
    <message>
        <source>epoch {epoch}: train loss {train_loss}, accuracy {train_accuracy} %; validation loss {valid_loss}, accuracy {valid_accuracy} %; {seconds} s</source>
        <translation>에폭 {epoch}: 학습 손실 {train_loss}, 정확도 {train_accuracy} %; 검증 손실 {valid_loss}, 정확도 {valid_accuracy} %; {seconds}초</translation>
    </message>
</context>
<context>
    <name>cli_compare</name>
    <message>
        <source>{count} models in lockstep on {corpus}: {labels}; each round trains every model one step, so it takes about {count} times one model&apos;s time and memory</source>
        <translation>{corpus}에서 모델 {count}개를 나란히 학습합니다: {labels}. 한 라운드마다 모든 모델이 한 스텝씩 학습하므로 모델 하나의 약 {count}배 시간과 메모리가 듭니다</translation>
    </message>
    <message>
        <source>{label} diverged at step {step} and stops there; its last good state is in {path}. The others go on.</source>
        <translation>{label}은(는) 스텝 {step}에서 발산해 거기서 멈춥니다. 마지막 정상 상태는 {path}에 있습니다. 나머지는 계속 학습합니다.</translation>
    </message>
    <message>
        <source>{label} diverged</source>
        <translation>{label} 발산</translation>
    </message>
    <message>
        <source>{label} {train} / {valid}</source>
        <translation>{label} {train} / {valid}</translation>
    </message>
    <message>
        <source>epoch {epoch} | step {step} | train / valid ppl: {models} | {seconds} s</source>
        <translation>에폭 {epoch} | 스텝 {step} | 학습 / 검증 퍼플렉서티: {models} | {seconds}초</translation>
    </message>
    <message>
        <source>final validation perplexity, training seconds:</source>
        <translation>최종 검증 퍼플렉서티, 학습 시간(초):</translation>
    </message>
    <message>
        <source> (diverged)</source>
        <translation> (발산)</translation>
    </message>
    <message>
        <source>saved {count} runs in {path} after {seconds} s</source>
        <translation>{seconds}초 뒤 실행 {count}개를 {path}에 저장했습니다</translation>
    </message>
</context>
<context>
    <name>cli_epochs</name>
    <message>
        <source>{error} The last good state is in {path}.</source>
        <translation>{error} 마지막 정상 상태는 {path}에 있습니다.</translation>
    </message>
</context>
<context>
    <name>cli_progress</name>
    <message>
        <source>{percent}% step {step}/{total} epoch {epoch} ppl {perplexity} {speed} tok/s</source>
        <translation>{percent}% 스텝 {step}/{total} 에폭 {epoch} ppl {perplexity} {speed} 토큰/초</translation>
    </message>
    <message>
        <source>epoch {epoch} | step {step} | train ppl {train} | valid ppl {valid} | {speed} tok/s | {seconds} s</source>
        <translation>에폭 {epoch} | 스텝 {step} | 학습 ppl {train} | 검증 ppl {valid} | {speed} 토큰/초 | {seconds}초</translation>
    </message>
    <message>
        <source>epoch {epoch} | step {step} | train ppl {train} | {speed} tok/s | {seconds} s</source>
        <translation>에폭 {epoch} | 스텝 {step} | 학습 ppl {train} | {speed} 토큰/초 | {seconds}초</translation>
    </message>
</context>
<context>
    <name>cli_resume</name>
    <message>
        <source>the cell</source>
        <translation>셀 종류</translation>
    </message>
    <message>
        <source>the number of layers</source>
        <translation>계층 수</translation>
    </message>
    <message>
        <source>the embedding size</source>
        <translation>임베딩 크기</translation>
    </message>
    <message>
        <source>the hidden size</source>
        <translation>은닉 상태 크기</translation>
    </message>
    <message>
        <source>dropout</source>
        <translation>드롭아웃</translation>
    </message>
    <message>
        <source>weight tying</source>
        <translation>가중치 공유</translation>
    </message>
    <message>
        <source>the initialisation</source>
        <translation>가중치 초깃값</translation>
    </message>
    <message>
        <source>the dtype</source>
        <translation>dtype</translation>
    </message>
    <message>
        <source>the model seed</source>
        <translation>모델 시드</translation>
    </message>
    <message>
        <source>the batch size</source>
        <translation>배치 크기</translation>
    </message>
    <message>
        <source>bptt</source>
        <translation>bptt 길이</translation>
    </message>
    <message>
        <source>the optimizer</source>
        <translation>옵티마이저</translation>
    </message>
    <message>
        <source>the seed</source>
        <translation>시드</translation>
    </message>
    <message>
        <source>the level</source>
        <translation>토큰 단위(문자/단어)</translation>
    </message>
    <message>
        <source>normalisation</source>
        <translation>정규화</translation>
    </message>
    <message>
        <source>the token limit</source>
        <translation>토큰 수 제한</translation>
    </message>
    <message>
        <source>the validation file</source>
        <translation>검증 파일</translation>
    </message>
    <message>
        <source>the test file</source>
        <translation>테스트 파일</translation>
    </message>
    <message>
        <source>the input encoding</source>
        <translation>입력 방식(원핫/임베딩)</translation>
    </message>
    <message>
        <source>corpus {corpus} does not have the run&apos;s vocabulary ({count} tokens, the run has {expected}); the corpus cannot change when resuming</source>
        <translation>말뭉치 {corpus}의 어휘가 학습에 쓴 어휘와 다릅니다(토큰 {count}개, 학습 당시 {expected}개). 이어서 학습할 때는 말뭉치를 바꿀 수 없습니다</translation>
    </message>
    <message>
        <source>the run&apos;s corpus {corpus} does not have the run&apos;s vocabulary ({count} tokens, the run has {expected}); the corpus cannot change when resuming</source>
        <translation>학습에 쓴 말뭉치 {corpus}의 어휘가 체크포인트의 어휘와 다릅니다(토큰 {count}개, 체크포인트 {expected}개). 이어서 학습할 때는 말뭉치를 바꿀 수 없습니다</translation>
    </message>
    <message>
        <source>the checkpoint&apos;s curves are unreadable ({error}); the logs in {folder} are cut back to step {step} instead</source>
        <translation>체크포인트의 곡선을 읽을 수 없어({error}) 대신 {folder}의 로그를 스텝 {step}까지 잘라 씁니다</translation>
    </message>
    <message>
        <source>{flag} differs from the run&apos;s {value}; {what} cannot change when resuming</source>
        <translation>{flag}: 학습 당시의 값({value})과 다릅니다. 이어서 학습할 때는 {what}을(를) 바꿀 수 없습니다</translation>
    </message>
    <message>
        <source>--preset {preset} sets {what} to {value}, the run&apos;s is {run_value}; {what} cannot change when resuming</source>
        <translation>--preset {preset}의 {what}은(는) {value}이지만 학습 당시의 값은 {run_value}입니다. 이어서 학습할 때는 {what}을(를) 바꿀 수 없습니다</translation>
    </message>
    <message>
        <source>on</source>
        <translation>켜짐</translation>
    </message>
    <message>
        <source>off</source>
        <translation>꺼짐</translation>
    </message>
    <message>
        <source>none</source>
        <translation>없음</translation>
    </message>
    <message>
        <source>{count} epochs</source>
        <translation>{count} 에폭</translation>
    </message>
    <message>
        <source>the run finished at step {step} ({length}); pass --epochs {more} or --steps N (more than {step}) to train further</source>
        <translation>이 학습은 스텝 {step}에서 끝났습니다({length}). 더 학습하려면 --epochs {more} 또는 --steps N({step}보다 큰 값)을 지정하세요</translation>
    </message>
</context>
<context>
    <name>cli_seq2seq</name>
    <message>
        <source>embed size</source>
        <translation>임베딩 크기</translation>
    </message>
    <message>
        <source>hidden size</source>
        <translation>은닉 상태 크기</translation>
    </message>
    <message>
        <source>cell</source>
        <translation>셀 종류</translation>
    </message>
    <message>
        <source>decoder</source>
        <translation>디코더</translation>
    </message>
    <message>
        <source>reverse</source>
        <translation>입력 반전</translation>
    </message>
    <message>
        <source>init</source>
        <translation>가중치 초깃값</translation>
    </message>
    <message>
        <source>dtype</source>
        <translation>dtype</translation>
    </message>
    <message>
        <source>model seed</source>
        <translation>모델 시드</translation>
    </message>
    <message>
        <source>batch size</source>
        <translation>배치 크기</translation>
    </message>
    <message>
        <source>optimizer</source>
        <translation>옵티마이저</translation>
    </message>
    <message>
        <source>seed</source>
        <translation>시드</translation>
    </message>
    <message>
        <source>{flags} does not apply to --task seq2seq</source>
        <translation>{flags} 옵션은 --task seq2seq에 쓸 수 없습니다</translation>
    </message>
    <message>
        <source>{flags} do not apply to --task seq2seq</source>
        <translation>{flags} 옵션은 --task seq2seq에 쓸 수 없습니다</translation>
    </message>
    <message>
        <source>two data sets given ({first} and --corpus {second}); give one</source>
        <translation>데이터셋이 두 개 주어졌습니다({first}, --corpus {second}). 하나만 지정하세요</translation>
    </message>
    <message>
        <source>--task seq2seq needs --corpus FILE, addition or date</source>
        <translation>--task seq2seq에는 --corpus FILE, addition 또는 date가 필요합니다</translation>
    </message>
    <message>
        <source>{cell} {decoder} decoder, reversed input</source>
        <translation>{cell} {decoder} 디코더, 입력 반전</translation>
    </message>
    <message>
        <source>{cell} {decoder} decoder</source>
        <translation>{cell} {decoder} 디코더</translation>
    </message>
    <message>
        <source>seeds {weights} (weights) and {order} (order)</source>
        <translation>시드 {weights}(가중치)와 {order}(데이터 순서)</translation>
    </message>
    <message>
        <source>the book&apos;s random stream (shuffle seed {seed})</source>
        <translation>책과 같은 난수열(셔플 시드 {seed})</translation>
    </message>
    <message>
        <source>{name}: {train} training and {test} test pairs, {characters} characters; {model}, H = {hidden}, {steps} steps per epoch; {seeds}</source>
        <translation>{name}: 학습 쌍 {train}개, 테스트 쌍 {test}개, 문자 {characters}개; {model}, H = {hidden}, 에폭당 {steps} 스텝; {seeds}</translation>
    </message>
    <message>
        <source>{flag} {value}: the run draws from the book&apos;s random stream, which cannot change when resuming</source>
        <translation>{flag} {value}: 이 학습은 책과 같은 난수열을 쓰며, 이어서 학습할 때는 이를 바꿀 수 없습니다</translation>
    </message>
    <message>
        <source>{flag} differs from the run&apos;s {value}; {what} cannot change when resuming</source>
        <translation>{flag}: 학습 당시의 값({value})과 다릅니다. 이어서 학습할 때는 {what}을(를) 바꿀 수 없습니다</translation>
    </message>
    <message>
        <source>final test accuracy {accuracy} % (best {best} %) in {seconds} s; wrote {folder}</source>
        <translation>최종 테스트 정확도 {accuracy} % (최고 {best} %), {seconds}초. {folder}에 저장했습니다</translation>
    </message>
    <message>
        <source>{steps} steps, less than one epoch ({per_epoch} steps): no test accuracy yet; wrote {folder}</source>
        <translation>{steps} 스텝은 한 에폭({per_epoch} 스텝)에 못 미쳐 아직 테스트 정확도가 없습니다. {folder}에 저장했습니다</translation>
    </message>
    <message>
        <source>epoch {epoch}: loss {loss}, test accuracy {accuracy} % (by position: {positions}), {seconds} s</source>
        <translation>에폭 {epoch}: 손실 {loss}, 테스트 정확도 {accuracy} % (자리별: {positions}), {seconds}초</translation>
    </message>
    <message>
        <source>epoch {epoch}: loss {loss}, test accuracy {accuracy} % (by position: {positions}), {seconds} s; e.g. {question} -&gt; {guess} (right)</source>
        <translation>에폭 {epoch}: 손실 {loss}, 테스트 정확도 {accuracy} % (자리별: {positions}), {seconds}초; 예: {question} -&gt; {guess} (정답)</translation>
    </message>
    <message>
        <source>epoch {epoch}: loss {loss}, test accuracy {accuracy} % (by position: {positions}), {seconds} s; e.g. {question} -&gt; {guess} (wrong)</source>
        <translation>에폭 {epoch}: 손실 {loss}, 테스트 정확도 {accuracy} % (자리별: {positions}), {seconds}초; 예: {question} -&gt; {guess} (오답)</translation>
    </message>
</context>
<context>
    <name>cli_spectrum</name>
    <message>
        <source>--scale must be a positive number, got {value}</source>
        <translation>--scale는 양수여야 합니다. 실제: {value}</translation>
    </message>
    <message>
        <source>give a checkpoint, or --book for the book&apos;s experiment</source>
        <translation>체크포인트를 주거나, 책의 실험은 --book으로 하세요</translation>
    </message>
    <message>
        <source>{path} is a seq2seq run; spectrum reads language-model and classifier checkpoints</source>
        <translation>{path}은(는) seq2seq 학습입니다. spectrum은 언어 모델과 분류기 체크포인트를 읽습니다</translation>
    </message>
    <message>
        <source>{name}: {cell}, H = {hidden}, {layers} layer(s); W_h blocks (H, H):</source>
        <translation>{name}: {cell}, H = {hidden}, 계층 {layers}개; W_h 블록 (H, H):</translation>
    </message>
    <message>
        <source>the last time step&apos;s loss sent back through a window of T = {T} ({N} rows of the run&apos;s data), W_h times {scale}:</source>
        <translation>마지막 시각의 손실만 T = {T} 창을 거슬러 보냈을 때 (실행 데이터 {N}행), W_h × {scale}:</translation>
    </message>
    <message>
        <source>  {layer}: ‖∂L/∂h_1‖ / ‖∂L/∂h_T‖ = {ratio} ({verdict})</source>
        <translation>  {layer}: ‖∂L/∂h_1‖ / ‖∂L/∂h_T‖ = {ratio} ({verdict})</translation>
    </message>
    <message>
        <source>grows going back</source>
        <translation>거슬러 갈수록 커짐</translation>
    </message>
    <message>
        <source>shrinks going back</source>
        <translation>거슬러 갈수록 작아짐</translation>
    </message>
    <message>
        <source>ch06/rnn_gradient_graph.py: dh = dh · W_h^T from dh = ones((2, 3)), W_h = randn(3, 3) × {scale} after np.random.seed(3); ‖dh‖ / N per step:</source>
        <translation>ch06/rnn_gradient_graph.py: dh = ones((2, 3))에서 시작해 dh = dh · W_h^T를 반복, np.random.seed(3) 뒤 W_h = randn(3, 3) × {scale}; 스텝마다 ‖dh‖ / N:</translation>
    </message>
    <message>
        <source>{path} does not say which corpus it was trained on</source>
        <translation>{path}에는 어떤 말뭉치로 학습했는지 적혀 있지 않습니다</translation>
    </message>
</context>
<context>
    <name>cli_train</name>
    <message>
        <source>{path} is a seq2seq run; drop --task {task}</source>
        <translation>{path}: seq2seq 모델의 체크포인트입니다. --task {task} 옵션을 빼세요</translation>
    </message>
    <message>
        <source>{path} is a classifier run; drop --task {task}</source>
        <translation>{path}은(는) 분류기 학습입니다. --task {task}를 빼세요</translation>
    </message>
    <message>
        <source>{path} is a language-model run; drop --task {task}</source>
        <translation>{path}: 언어 모델의 체크포인트입니다. --task {task} 옵션을 빼세요</translation>
    </message>
    <message>
        <source>--preset {preset} is a classifier run: use it with --task classify</source>
        <translation>--preset {preset}은(는) 분류기 학습입니다: --task classify와 함께 쓰세요</translation>
    </message>
    <message>
        <source>{flag} applies to --task classify</source>
        <translation>{flag}은(는) --task classify에만 쓰입니다</translation>
    </message>
    <message>
        <source>{flag} applies to --task seq2seq</source>
        <translation>{flag} 옵션은 --task seq2seq에서만 쓸 수 있습니다</translation>
    </message>
    <message>
        <source>two corpora given ({first} and --corpus {second}); give one</source>
        <translation>말뭉치가 두 개 주어졌습니다({first}, --corpus {second}). 하나만 지정하세요</translation>
    </message>
    <message>
        <source>--save-every must be &gt;= 0 (0: each epoch), got {value}</source>
        <translation>--save-every 값은 0 이상이어야 합니다(0: 에폭마다, 입력값: {value})</translation>
    </message>
    <message>
        <source>--steps must be at least 1, got {value}</source>
        <translation>--steps 값은 1 이상이어야 합니다(입력값: {value})</translation>
    </message>
    <message>
        <source>--compare starts new runs side by side; to continue one of them, pass --resume FOLDER/MODEL/checkpoint.npz without --compare</source>
        <translation>--compare는 새 실행들을 나란히 시작합니다. 그중 하나를 이어 가려면 --compare 없이 --resume FOLDER/MODEL/checkpoint.npz를 주세요</translation>
    </message>
    <message>
        <source>--compare trains language models side by side; drop --task {task}</source>
        <translation>--compare는 언어 모델을 나란히 학습합니다. --task {task}를 빼 주세요</translation>
    </message>
    <message>
        <source>--force with --resume needs --out (the run&apos;s own folder is never replaced)</source>
        <translation>--resume과 함께 --force를 쓰려면 --out이 필요합니다(원래 학습 폴더는 덮어쓰지 않습니다)</translation>
    </message>
    <message>
        <source>preset {preset} needs the corpus {corpus}, which is not bundled: pass its path (e.g. rnnviz train PATH --preset {preset})</source>
        <translation>프리셋 {preset}은(는) 말뭉치 {corpus}을(를) 쓰는데, 이 말뭉치는 rnnviz에 들어 있지 않습니다. 경로를 지정하세요(예: rnnviz train PATH --preset {preset})</translation>
    </message>
    <message>
        <source>--limit-tokens must be at least 1 (limit_tokens), got {value}</source>
        <translation>--limit-tokens 값은 1 이상이어야 합니다(limit_tokens, 입력값: {value})</translation>
    </message>
    <message>
        <source>{error} (after {count} rewinds) The last good state is in {path}.</source>
        <translation>{error} ({count}번 되감은 뒤) 마지막 정상 상태는 {path}에 있습니다.</translation>
    </message>
    <message>
        <source>{error} The last good state is in {path}.</source>
        <translation>{error} 마지막 정상 상태는 {path}에 있습니다.</translation>
    </message>
    <message>
        <source>test perplexity {perplexity}</source>
        <translation>테스트 퍼플렉서티 {perplexity}</translation>
    </message>
    <message>
        <source>saved {path} after {steps} steps in {seconds} s</source>
        <translation>{steps} 스텝, {seconds}초 학습한 뒤 {path}에 저장했습니다</translation>
    </message>
    <message>
        <source>interrupted at step {step}; saved {path} (continue with --resume {path})</source>
        <translation>스텝 {step}에서 중단했습니다. {path}에 저장했습니다(이어서 학습하려면 --resume {path})</translation>
    </message>
    <message>
        <source>{error} (no kept state to rewind to)</source>
        <translation>{error} (되감을 수 있는 저장된 상태가 없습니다)</translation>
    </message>
    <message>
        <source>diverged at step {step}; rewound to step {to} and halved the learning rate to {lr} ({count} of {most})</source>
        <translation>스텝 {step}에서 발산: 스텝 {to}까지 되감고 학습률을 절반({lr})으로 낮췄습니다({most}회 중 {count}회째)</translation>
    </message>
</context>
<context>
    <name>cli_weights</name>
    <message>
        <source>{path} exists; pass --force to replace it</source>
        <translation>{path}이(가) 이미 있습니다. 바꾸려면 --force를 주세요</translation>
    </message>
    <message>
        <source>wrote {out}: {cell}, {layers} layer(s), H = {hidden}, V = {vocab}, step 0 with a fresh optimizer</source>
        <translation>{out}을(를) 썼습니다: {cell}, {layers}층, H = {hidden}, V = {vocab}, 0단계, 새 옵티마이저</translation>
    </message>
    <message>
        <source>it trains on {corpus}</source>
        <translation>{corpus}(으)로 학습합니다</translation>
    </message>
    <message>
        <source>it names no corpus: rnnviz sample reads it; to train it, import again with --corpus, or in the window with File &gt; Import weights</source>
        <translation>말뭉치가 지정되지 않았습니다. rnnviz sample로는 쓸 수 있고, 학습하려면 --corpus를 주어 다시 가져오거나 창에서 파일 &gt; 가중치 가져오기를 쓰세요</translation>
    </message>
    <message>
        <source>wrote {weights} and {vocab} (step {step})</source>
        <translation>{weights}와(과) {vocab}을(를) 썼습니다({step}단계)</translation>
    </message>
</context>
<context>
    <name>closing</name>
    <message>
        <source>Close rnnviz</source>
        <translation>rnnviz 닫기</translation>
    </message>
    <message>
        <source>Save the run before closing?

{n} steps were trained since it was last saved; Discard loses them.</source>
        <translation>닫기 전에 실행을 저장할까요?

마지막으로 저장한 뒤 {n}스텝을 학습했습니다. 버리면 이 학습 결과가 사라집니다.</translation>
    </message>
    <message>
        <source>Save the seq2seq lab&apos;s run before closing?

{n} steps were trained since it was last saved; Discard loses them.</source>
        <translation>닫기 전에 Seq2seq 실험실의 실행을 저장할까요?

마지막으로 저장한 뒤 {n}스텝을 학습했습니다. 버리면 이 학습 결과가 사라집니다.</translation>
    </message>
    <message>
        <source>Save the classifier lab&apos;s run before closing?

{n} steps were trained since it was last saved; Discard loses them.</source>
        <translation>닫기 전에 분류기 실험실의 실행을 저장할까요?

마지막으로 저장한 뒤 {n}스텝을 학습했습니다. 저장하지 않으면 사라집니다.</translation>
    </message>
    <message>
        <source>Save the compared models before closing?

{n} steps of each were trained since they were last saved; Discard loses them.</source>
        <translation>닫기 전에 비교한 모델을 저장할까요?

마지막 저장 뒤 모델마다 {n} 스텝을 학습했습니다. 무시하면 사라집니다.</translation>
    </message>
</context>
<context>
    <name>compare</name>
    <message>
        <source>no models yet: choose them and press Build</source>
        <translation>아직 모델이 없습니다: 모델을 고르고 만들기를 누르세요</translation>
    </message>
    <message>
        <source>Loading corpus {name}</source>
        <translation>말뭉치 {name} 읽는 중</translation>
    </message>
    <message>
        <source>Building {count} models</source>
        <translation>모델 {count}개 만드는 중</translation>
    </message>
    <message>
        <source>probe cadence must be at least 1 step, got {value}</source>
        <translation>프로브 간격은 1 스텝 이상이어야 합니다. 입력값: {value}</translation>
    </message>
    <message>
        <source>{name} exists already; choose another name, so no run is overwritten</source>
        <translation>{name}이(가) 이미 있습니다. 어떤 실행도 덮어쓰지 않도록 다른 이름을 고르세요</translation>
    </message>
    <message>
        <source>Saving {count} checkpoints</source>
        <translation>체크포인트 {count}개 저장 중</translation>
    </message>
</context>
<context>
    <name>compare_controls</name>
    <message>
        <source>RNN · LSTM · GRU</source>
        <translation>RNN · LSTM · GRU</translation>
    </message>
    <message>
        <source>clipping on / off</source>
        <translation>클리핑 켬 / 끔</translation>
    </message>
    <message>
        <source>two learning rates</source>
        <translation>두 학습률</translation>
    </message>
    <message>
        <source>lr </source>
        <translation>학습률 </translation>
    </message>
    <message>
        <source>clip </source>
        <translation>클리핑 </translation>
    </message>
    <message>
        <source>clip off</source>
        <translation>클리핑 끔</translation>
    </message>
    <message>
        <source>Model {letter}: its cell, learning rate and gradient clipping threshold (0: off)</source>
        <translation>모델 {letter}: 셀, 학습률, 기울기 클리핑 문턱값 (0: 끔)</translation>
    </message>
    <message>
        <source>Compare</source>
        <translation>비교</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>일시정지</translation>
    </message>
    <message>
        <source>Play</source>
        <translation>재생</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>한 스텝</translation>
    </message>
    <message>
        <source>One step of every model on the same batch, then pause</source>
        <translation>같은 미니배치로 모든 모델을 한 스텝씩 학습하고 멈춥니다</translation>
    </message>
    <message>
        <source>Step epoch</source>
        <translation>한 에폭</translation>
    </message>
    <message>
        <source>Train every model to the end of this epoch, then pause</source>
        <translation>모든 모델을 이번 에폭 끝까지 학습하고 멈춥니다</translation>
    </message>
    <message>
        <source>Reset</source>
        <translation>초기화</translation>
    </message>
    <message>
        <source>Every model from step 0 again, with the same first weights</source>
        <translation>모든 모델을 같은 초기 가중치로 스텝 0부터 다시 시작합니다</translation>
    </message>
    <message>
        <source>Build</source>
        <translation>만들기</translation>
    </message>
    <message>
        <source>Build these models with the Experiment form&apos;s corpus, sizes and batches</source>
        <translation>실험 설정의 말뭉치, 크기, 미니배치로 이 모델들을 만듭니다</translation>
    </message>
    <message>
        <source>A third model</source>
        <translation>세 번째 모델</translation>
    </message>
</context>
<context>
    <name>compare_lab</name>
    <message>
        <source>Compare models</source>
        <translation>모델 비교</translation>
    </message>
    <message>
        <source>The models are the same: change a cell, a learning rate or the clipping of one of them.</source>
        <translation>모델이 서로 같습니다: 한 모델의 셀, 학습률 또는 클리핑을 바꾸세요.</translation>
    </message>
    <message>
        <source>Build new models?</source>
        <translation>새 모델을 만들까요?</translation>
    </message>
    <message>
        <source>building {count} models …</source>
        <translation>모델 {count}개 만드는 중 …</translation>
    </message>
    <message>
        <source>Discard {steps} steps of training?

Every model starts again from its first weights, and the curves are cleared (File &gt; Save compared models... keeps them).</source>
        <translation>학습한 {steps} 스텝을 버릴까요?

모든 모델이 초기 가중치에서 다시 시작하고 곡선도 지워집니다 (파일 &gt; 비교한 모델 저장...으로 남겨 둘 수 있습니다).</translation>
    </message>
    <message>
        <source>Saved each compared model as a checkpoint in {path} (step {step})</source>
        <translation>비교한 각 모델을 {path}에 체크포인트로 저장했습니다 (스텝 {step})</translation>
    </message>
    <message>
        <source>{message} A new one builds the models again.</source>
        <translation>{message} 새 프로세스에서 모델들을 다시 만듭니다.</translation>
    </message>
    <message>
        <source>Reset the models?</source>
        <translation>모델을 초기화할까요?</translation>
    </message>
    <message>
        <source>{model} diverged at step {step} and stops there; the others go on.</source>
        <translation>{model}은(는) 스텝 {step}에서 발산해 거기서 멈춥니다. 나머지는 계속 학습합니다.</translation>
    </message>
    <message>
        <source>Shared by every model: {corpus} ({level}), H = {H}, N = {N}, T = {T}, {optimizer}, seed {seed}; each reads the same batch at every step.</source>
        <translation>모든 모델이 공유: {corpus} ({level}), H = {H}, N = {N}, T = {T}, {optimizer}, 시드 {seed}. 매 스텝 모두 같은 미니배치를 읽습니다.</translation>
    </message>
    <message>
        <source>{count} models in lockstep, step {step}: {memory} of memory in all and {count} steps per round, about {count}× one model&apos;s</source>
        <translation>모델 {count}개 나란히 학습, 스텝 {step}: 메모리 모두 {memory}, 라운드마다 {count} 스텝으로 모델 하나의 약 {count}배</translation>
    </message>
    <message>
        <source>{rate} rounds/s ({steps} steps/s)</source>
        <translation>초당 {rate} 라운드 (초당 {steps} 스텝)</translation>
    </message>
</context>
<context>
    <name>compare_views</name>
    <message>
        <source>step (every model, the same batches)</source>
        <translation>스텝 (모든 모델이 같은 미니배치)</translation>
    </message>
    <message>
        <source>perplexity (log)</source>
        <translation>퍼플렉서티 (로그 눈금)</translation>
    </message>
    <message>
        <source>line: training · dots: validation · ✕: diverged</source>
        <translation>선: 학습 · 점: 검증 · ✕: 발산</translation>
    </message>
    <message>
        <source>Gradient flow</source>
        <translation>기울기 흐름</translation>
    </message>
    <message>
        <source>Hidden states</source>
        <translation>은닉 상태</translation>
    </message>
    <message>
        <source>Samples</source>
        <translation>생성 문장</translation>
    </message>
    <message>
        <source>Prefix</source>
        <translation>접두어</translation>
    </message>
    <message>
        <source>the same prefix for every model</source>
        <translation>모든 모델에 같은 접두어</translation>
    </message>
    <message>
        <source> tokens</source>
        <translation> 토큰</translation>
    </message>
    <message>
        <source>Sample all</source>
        <translation>모두 생성</translation>
    </message>
    <message>
        <source>Every model continues the prefix with the same random seed, so only the models differ</source>
        <translation>모든 모델이 같은 난수 시드로 접두어를 이어 쓰므로 모델만 다릅니다</translation>
    </message>
</context>
<context>
    <name>config</name>
    <message>
        <source>dropout must be in [0, 1), got {value}</source>
        <translation>dropout 값은 [0, 1) 범위여야 합니다(입력값: {value})</translation>
    </message>
    <message>
        <source>tie_weights needs an embedding input, not one-hot</source>
        <translation>tie_weights(가중치 공유)에는 원핫이 아닌 Embedding 입력이 필요합니다</translation>
    </message>
    <message>
        <source>tie_weights needs embed_size == hidden_size, got {embed} and {hidden}</source>
        <translation>tie_weights(가중치 공유)에는 embed_size == hidden_size여야 합니다(입력값: {embed}, {hidden})</translation>
    </message>
    <message>
        <source>{name} must be a positive finite number, got {value}</source>
        <translation>{name} 값은 유한한 양수여야 합니다(입력값: {value})</translation>
    </message>
    <message>
        <source>clip must be &gt;= 0 (0 disables it), got {value}</source>
        <translation>clip 값은 0 이상이어야 합니다(0이면 기울기 클리핑을 끕니다. 입력값: {value})</translation>
    </message>
    <message>
        <source>{name} must be in [0, 1), got {value}</source>
        <translation>{name} 값은 [0, 1) 범위여야 합니다(입력값: {value})</translation>
    </message>
    <message>
        <source>give a number of epochs or of steps (both are 0)</source>
        <translation>에폭 수나 스텝 수를 지정하세요(둘 다 0입니다)</translation>
    </message>
    <message>
        <source>{config} has no field(s) {names}</source>
        <translation>{config}에는 {names} 필드가 없습니다</translation>
    </message>
    <message>
        <source>{name} must be an integer in [{lo}, {hi}], got {value}</source>
        <translation>{name} 값은 [{lo}, {hi}] 범위의 정수여야 합니다(입력값: {value})</translation>
    </message>
    <message>
        <source>{name} must be one of {choices}; got {value}</source>
        <translation>{name} 값은 {choices} 중 하나여야 합니다(입력값: {value})</translation>
    </message>
</context>
<context>
    <name>data</name>
    <message>
        <source>vocabulary lists the token {token} twice</source>
        <translation>어휘에 토큰 {token}이(가) 두 번 들어 있습니다</translation>
    </message>
    <message>
        <source>token id {id} is out of range for a vocabulary of {size}</source>
        <translation>토큰 ID {id}은(는) 어휘 수 {size}의 범위를 벗어납니다</translation>
    </message>
    <message>
        <source>vocabulary JSON must be an object, got {type}</source>
        <translation>어휘 JSON은 객체여야 합니다(실제: {type})</translation>
    </message>
    <message>
        <source>vocabulary JSON has no {key} entry</source>
        <translation>어휘 JSON에 {key} 항목이 없습니다</translation>
    </message>
    <message>
        <source>vocabulary JSON &apos;tokens&apos; must be a list of strings</source>
        <translation>어휘 JSON의 &apos;tokens&apos;는 문자열 리스트여야 합니다</translation>
    </message>
    <message>
        <source>limit_tokens must be at least 1, got {value}</source>
        <translation>limit_tokens 값은 1 이상이어야 합니다(입력값: {value})</translation>
    </message>
    <message>
        <source>valid_fraction must be in [0, 1), got {value}</source>
        <translation>valid_fraction 값은 [0, 1) 범위여야 합니다(입력값: {value})</translation>
    </message>
    <message>
        <source>max_valid_tokens must be at least 0, got {value}</source>
        <translation>max_valid_tokens 값은 0 이상이어야 합니다(입력값: {value})</translation>
    </message>
    <message>
        <source>the data description names no corpus source</source>
        <translation>데이터 설명에 말뭉치 출처가 없습니다</translation>
    </message>
    <message>
        <source>{source}: no such file or corpus name (names: {names})</source>
        <translation>{source}: 그런 파일이나 말뭉치 이름이 없습니다(말뭉치 이름: {names})</translation>
    </message>
    <message>
        <source>{name}: is a directory without {train}; give a text file, or a folder holding the Penn Treebank&apos;s {files}</source>
        <translation>{name}: {train}이(가) 없는 디렉터리입니다. 텍스트 파일이나, Penn Treebank의 {files}이(가) 든 폴더를 지정하세요</translation>
    </message>
    <message>
        <source>{name}: no tokens left after normalisation, which keeps only the letters A-Z and a-z; give a text with some, or turn normalisation off</source>
        <translation>{name}: 정규화 후 남은 토큰이 없습니다. 정규화는 A-Z와 a-z 글자만 남깁니다. 이런 글자가 있는 텍스트를 쓰거나 정규화를 끄세요</translation>
    </message>
    <message>
        <source>{name}: has only one distinct character ({token}); a language model needs at least two, so give a longer or more varied text</source>
        <translation>{name}: 서로 다른 문자가 하나뿐입니다({token}). 언어 모델에는 적어도 두 개가 필요하니 더 길거나 다양한 텍스트를 쓰세요</translation>
    </message>
    <message>
        <source>{name}: has only one distinct character in its first {limit} tokens ({token}); a language model needs at least two, so give a longer or more varied text</source>
        <translation>{name}: 처음 {limit}개 토큰에 서로 다른 문자가 하나뿐입니다({token}). 언어 모델에는 적어도 두 개가 필요하니 더 길거나 다양한 텍스트를 쓰세요</translation>
    </message>
    <message>
        <source>{name}: has only one distinct word ({token}); a language model needs at least two, so give a longer or more varied text</source>
        <translation>{name}: 서로 다른 단어가 하나뿐입니다({token}). 언어 모델에는 적어도 두 개가 필요하니 더 길거나 다양한 텍스트를 쓰세요</translation>
    </message>
    <message>
        <source>{name}: has only one distinct word in its first {limit} tokens ({token}); a language model needs at least two, so give a longer or more varied text</source>
        <translation>{name}: 처음 {limit}개 토큰에 서로 다른 단어가 하나뿐입니다({token}). 언어 모델에는 적어도 두 개가 필요하니 더 길거나 다양한 텍스트를 쓰세요</translation>
    </message>
    <message>
        <source>python-docs: this Python has no pydoc_data.topics module</source>
        <translation>python-docs: 이 Python에는 pydoc_data.topics 모듈이 없습니다</translation>
    </message>
</context>
<context>
    <name>dock_title</name>
    <message>
        <source>What to look for</source>
        <translation>눈여겨볼 점</translation>
    </message>
    <message>
        <source>Show or hide what this panel shows and what to watch for</source>
        <translation>이 패널이 보여 주는 것과 눈여겨볼 점을 보이거나 숨깁니다</translation>
    </message>
    <message>
        <source>Float or dock this panel (or double-click the title)</source>
        <translation>이 패널을 띄우거나 다시 붙입니다 (제목을 더블클릭해도 됩니다)</translation>
    </message>
    <message>
        <source>Hide this panel (View brings it back)</source>
        <translation>이 패널을 숨깁니다 (보기 메뉴에서 다시 켭니다)</translation>
    </message>
</context>
<context>
    <name>experiment</name>
    <message>
        <source>(custom)</source>
        <translation>(사용자 설정)</translation>
    </message>
    <message>
        <source>python-docs (Python&apos;s own documentation)</source>
        <translation>python-docs (Python 공식 문서)</translation>
    </message>
    <message>
        <source>tokens are characters or words</source>
        <translation>토큰의 단위: 문자 또는 단어</translation>
    </message>
    <message>
        <source>char</source>
        <translation>문자</translation>
    </message>
    <message>
        <source>word</source>
        <translation>단어</translation>
    </message>
    <message>
        <source>letters only, lower case</source>
        <translation>영문자만, 소문자로</translation>
    </message>
    <message>
        <source>d2l&apos;s normalisation: [^A-Za-z]+ -&gt; space, lower case</source>
        <translation>d2l의 정규화: [^A-Za-z]+ -&gt; 공백, 모두 소문자로</translation>
    </message>
    <message>
        <source>train on the first N tokens only (the book&apos;s ch.5 uses 1000)</source>
        <translation>처음 N개 토큰으로만 학습합니다 (책의 5장은 1000개)</translation>
    </message>
    <message>
        <source>all</source>
        <translation>전체</translation>
    </message>
    <message>
        <source>recurrent cell</source>
        <translation>순환 계층의 셀 종류</translation>
    </message>
    <message>
        <source>stacked recurrent layers</source>
        <translation>쌓아 올린 순환 계층 수</translation>
    </message>
    <message>
        <source>embedding size D</source>
        <translation>임베딩 크기 D</translation>
    </message>
    <message>
        <source>one-hot</source>
        <translation>원핫</translation>
    </message>
    <message>
        <source>feed one-hot vectors instead of an embedding (d2l 9.5)</source>
        <translation>Embedding 계층 대신 원핫 벡터를 입력합니다 (d2l 9.5)</translation>
    </message>
    <message>
        <source>hidden size H</source>
        <translation>은닉 상태 크기 H</translation>
    </message>
    <message>
        <source>dropout between layers</source>
        <translation>계층 사이의 드롭아웃</translation>
    </message>
    <message>
        <source>tie decoder to embedding</source>
        <translation>출력층과 임베딩의 가중치 공유</translation>
    </message>
    <message>
        <source>share decoder.W with embed.W.T (needs embedding size = hidden size)</source>
        <translation>decoder.W를 embed.W.T와 공유합니다 (임베딩 크기 = 은닉 상태 크기여야 합니다)</translation>
    </message>
    <message>
        <source>weight initialisation scheme</source>
        <translation>가중치 초깃값 방식</translation>
    </message>
    <message>
        <source>book</source>
        <translation>책(DLFS2)</translation>
    </message>
    <message>
        <source>orthogonal</source>
        <translation>직교</translation>
    </message>
    <message>
        <source>parallel streams N</source>
        <translation>배치 크기 N (나란히 학습하는 데이터 흐름 수)</translation>
    </message>
    <message>
        <source>time steps T per truncated-BPTT block</source>
        <translation>Truncated BPTT 블록 하나의 시각 수 T</translation>
    </message>
    <message>
        <source>changes the running optimizer at once, no rebuild</source>
        <translation>학습 중인 옵티마이저에 바로 반영됩니다 (모델을 다시 만들지 않음)</translation>
    </message>
    <message>
        <source>global gradient-norm threshold, live; 0 = off</source>
        <translation>전체 기울기 노름의 문턱값, 바로 반영됨; 0 = 끔</translation>
    </message>
    <message>
        <source>off</source>
        <translation>끔</translation>
    </message>
    <message>
        <source>where Play stops (it can continue)</source>
        <translation>재생이 멈추는 에폭 (이어서 계속할 수 있음)</translation>
    </message>
    <message>
        <source>weights, dropout and data order</source>
        <translation>가중치, 드롭아웃, 데이터 순서를 정하는 시드</translation>
    </message>
    <message>
        <source>look inside the network every k steps (live)</source>
        <translation>k 스텝마다 신경망 내부를 들여다봅니다 (바로 반영됨)</translation>
    </message>
    <message>
        <source> steps</source>
        <translation> 스텝</translation>
    </message>
    <message>
        <source>Measure validation perplexity every k steps (live, no rebuild); 0 = once per epoch. On PTB one epoch is over a thousand steps, minutes of training: a smaller k draws the validation curve sooner, each point costing one pass over the validation text.</source>
        <translation>k 스텝마다 검증 퍼플렉서티를 잽니다 (바로 반영되며 모델을 다시 만들지 않음); 0 = 에폭마다 한 번. PTB에서는 한 에폭이 천 스텝이 넘어 학습에 몇 분이 걸립니다. k를 작게 하면 검증 곡선이 더 일찍 그려지지만, 점 하나마다 검증 텍스트를 한 번씩 훑어야 합니다.</translation>
    </message>
    <message>
        <source>each epoch</source>
        <translation>에폭마다</translation>
    </message>
    <message>
        <source>Apply (rebuild model)</source>
        <translation>적용 (모델 다시 만들기)</translation>
    </message>
    <message>
        <source>build a fresh model from these settings</source>
        <translation>이 설정으로 새 모델을 만듭니다</translation>
    </message>
    <message>
        <source>Preset</source>
        <translation>프리셋</translation>
    </message>
    <message>
        <source>Corpus</source>
        <translation>말뭉치</translation>
    </message>
    <message>
        <source>text</source>
        <translation>텍스트</translation>
    </message>
    <message>
        <source>level</source>
        <translation>단위</translation>
    </message>
    <message>
        <source>limit</source>
        <translation>제한</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>모델</translation>
    </message>
    <message>
        <source>cell</source>
        <translation>셀</translation>
    </message>
    <message>
        <source>layers</source>
        <translation>계층 수</translation>
    </message>
    <message>
        <source>embedding</source>
        <translation>임베딩</translation>
    </message>
    <message>
        <source>hidden</source>
        <translation>은닉</translation>
    </message>
    <message>
        <source>dropout</source>
        <translation>드롭아웃</translation>
    </message>
    <message>
        <source>init</source>
        <translation>초깃값</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>학습</translation>
    </message>
    <message>
        <source>batch</source>
        <translation>배치</translation>
    </message>
    <message>
        <source>BPTT length</source>
        <translation>BPTT 길이</translation>
    </message>
    <message>
        <source>optimizer</source>
        <translation>옵티마이저</translation>
    </message>
    <message>
        <source>learning rate</source>
        <translation>학습률</translation>
    </message>
    <message>
        <source>clip</source>
        <translation>클리핑</translation>
    </message>
    <message>
        <source>epochs</source>
        <translation>에폭</translation>
    </message>
    <message>
        <source>seed</source>
        <translation>시드</translation>
    </message>
    <message>
        <source>probe every</source>
        <translation>프로브 주기</translation>
    </message>
    <message>
        <source>evaluate every</source>
        <translation>평가 주기</translation>
    </message>
    <message>
        <source>Open file...</source>
        <translation>파일 열기...</translation>
    </message>
    <message>
        <source>{name} (bundled)</source>
        <translation>{name} (동봉)</translation>
    </message>
    <message>
        <source>Open a text corpus</source>
        <translation>텍스트 말뭉치 열기</translation>
    </message>
    <message>
        <source>Text files (*.txt);;All files (*)</source>
        <translation>텍스트 파일 (*.txt);;모든 파일 (*)</translation>
    </message>
</context>
<context>
    <name>gate_saturation</name>
    <message>
        <source>layer</source>
        <translation>계층</translation>
    </message>
    <message>
        <source>left-saturated: share of steps &lt; {low}</source>
        <translation>왼쪽 포화: {low} 미만인 시각의 비율</translation>
    </message>
    <message>
        <source>left-saturated (&lt; {low})</source>
        <translation>왼쪽 포화 (&lt; {low})</translation>
    </message>
    <message>
        <source>shut (&lt; {low})</source>
        <translation>닫힘 (&lt; {low})</translation>
    </message>
    <message>
        <source>right-saturated: share of steps &gt; {high}</source>
        <translation>오른쪽 포화: {high} 초과인 시각의 비율</translation>
    </message>
    <message>
        <source>right-saturated (&gt; {high})</source>
        <translation>오른쪽 포화 (&gt; {high})</translation>
    </message>
    <message>
        <source>open (&gt; {high})</source>
        <translation>열림 (&gt; {high})</translation>
    </message>
    <message>
        <source>gate value</source>
        <translation>게이트 값</translation>
    </message>
    <message>
        <source>count (steps × units)</source>
        <translation>개수 (시각 × 유닛)</translation>
    </message>
    <message>
        <source>count</source>
        <translation>개수</translation>
    </message>
    <message>
        <source>probe of step {step}: {units} units × {steps} steps</source>
        <translation>스텝 {step}의 프로브: 유닛 {units}개 × 시각 {steps}개</translation>
    </message>
    <message>
        <source>unit {unit}, {gate}: left {left}, right {right}</source>
        <translation>유닛 {unit}, {gate}: 왼쪽 {left}, 오른쪽 {right}</translation>
    </message>
    <message>
        <source>(+{n} more dots here)</source>
        <translation>(이 자리에 점 {n}개 더)</translation>
    </message>
</context>
<context>
    <name>grad_check</name>
    <message>
        <source>Checking gradients</source>
        <translation>기울기 검사 중</translation>
    </message>
</context>
<context>
    <name>gradcheck_dialog</name>
    <message>
        <source>Gradient check</source>
        <translation>기울기 검사</translation>
    </message>
    <message>
        <source>Copy as text</source>
        <translation>텍스트로 복사</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>닫기</translation>
    </message>
    <message>
        <source>Checking the gradients on a float64 copy of the model…</source>
        <translation>모델의 float64 복사본에서 기울기를 검사하는 중…</translation>
    </message>
    <message>
        <source>The check could not run: {reason}</source>
        <translation>검사를 실행하지 못했습니다: {reason}</translation>
    </message>
    <message>
        <source>Parameter</source>
        <translation>매개변수</translation>
    </message>
    <message>
        <source>Shape</source>
        <translation>형상</translation>
    </message>
    <message>
        <source>Entries</source>
        <translation>원소</translation>
    </message>
    <message>
        <source>Directions</source>
        <translation>방향</translation>
    </message>
    <message>
        <source>Max relative error</source>
        <translation>최대 상대 오차</translation>
    </message>
    <message>
        <source>Beyond round-off</source>
        <translation>반올림 오차 초과분</translation>
    </message>
    <message>
        <source>Pass</source>
        <translation>통과</translation>
    </message>
    <message>
        <source>1 layer</source>
        <translation>1층</translation>
    </message>
    <message>
        <source>{n} layers</source>
        <translation>{n}층</translation>
    </message>
    <message>
        <source>one-hot input</source>
        <translation>원핫 입력</translation>
    </message>
    <message>
        <source>embedding input</source>
        <translation>임베딩 입력</translation>
    </message>
    <message>
        <source>{input}, tied weights</source>
        <translation>{input}, 가중치 공유</translation>
    </message>
    <message>
        <source>{cell}, {layers}, {input} · the batch of step {step}</source>
        <translation>{cell}, {layers}, {input} · 스텝 {step}의 미니배치</translation>
    </message>
    <message>
        <source>✓ Pass: every parameter&apos;s analytic gradient agrees with the central differences.</source>
        <translation>✓ 통과: 모든 매개변수의 해석적 기울기가 중심 차분과 일치합니다.</translation>
    </message>
    <message>
        <source>✗ Fail: the central differences disagree with the analytic gradient of {names} ({count} of {total} parameters).</source>
        <translation>✗ 실패: {names}의 해석적 기울기가 중심 차분과 일치하지 않습니다 (매개변수 {total}개 중 {count}개).</translation>
    </message>
    <message>
        <source>its first {rows} of {total} rows × {bptt} time steps (a big model: fewer rows keep the check quick)</source>
        <translation>{total}행 중 처음 {rows}행 × {bptt}시각 (큰 모델이므로 행을 줄여 검사를 빠르게 합니다)</translation>
    </message>
    <message>
        <source>{rows} rows × {bptt} time steps</source>
        <translation>{rows}행 × {bptt}시각</translation>
    </message>
    <message>
        <source>from the hidden state the run carries into it</source>
        <translation>학습이 이 미니배치로 이어받은 은닉 상태에서 시작</translation>
    </message>
    <message>
        <source>from a zero hidden state</source>
        <translation>0인 은닉 상태에서 시작</translation>
    </message>
    <message>
        <source>How: float64 central differences (L(p + εu) − L(p − εu)) / 2ε with ε = {eps}, on a float64 copy of the model (the run itself is not touched), dropout off, on the batch of step {step}: {batch}, {state}. Per parameter: {directions} random unit directions u over all of it, and its {entries} largest gradient entries one at a time.</source>
        <translation>방법: ε = {eps}인 float64 중심 차분 (L(p + εu) − L(p − εu)) / 2ε. 모델의 float64 복사본에서 (학습 중인 모델은 건드리지 않음), 드롭아웃을 끄고, 스텝 {step}의 미니배치({batch})로, {state}. 매개변수마다 전체에 걸친 무작위 단위 방향 u {directions}개와, 기울기가 가장 큰 원소 {entries}개를 하나씩 검사합니다.</translation>
    </message>
    <message>
        <source>Relative error: |a − n| / (|a| + |n|), a analytic (backward), n numerical.</source>
        <translation>상대 오차: |a − n| / (|a| + |n|), a는 해석적 기울기(역전파), n은 수치 미분.</translation>
    </message>
    <message>
        <source>Tolerance: a parameter passes when the part of |a − n| that float64 round-off cannot explain ({ulps} ulps of the loss, over 2ε) is at most {tolerance} of |a| + |n|.</source>
        <translation>허용 오차: |a − n| 가운데 float64 반올림 오차(손실의 {ulps} ulp를 2ε로 나눈 값)로 설명되지 않는 부분이 |a| + |n|의 {tolerance} 이하이면 통과입니다.</translation>
    </message>
    <message>
        <source>Loss {loss}; {evaluations} loss evaluations in {seconds} s.</source>
        <translation>손실 {loss}; 손실 계산 {evaluations}회, {seconds}초.</translation>
    </message>
    <message>
        <source>Nothing to check</source>
        <translation>검사할 모델이 없습니다</translation>
    </message>
    <message>
        <source>Build a model first (Apply), then check its gradients.</source>
        <translation>먼저 모델을 만드세요 (적용). 그런 다음 기울기를 검사하세요.</translation>
    </message>
</context>
<context>
    <name>gradient_flow</name>
    <message>
        <source>t (0 = oldest)</source>
        <translation>t (0 = 가장 이른 시각)</translation>
    </message>
    <message>
        <source>time step t in the BPTT window (0 = oldest)</source>
        <translation>BPTT 구간의 시각 t (0 = 가장 이른 시각)</translation>
    </message>
    <message>
        <source>‖∂L/∂hₜ‖ (log)</source>
        <translation>‖∂L/∂hₜ‖ (로그 눈금)</translation>
    </message>
    <message>
        <source>layer {k}</source>
        <translation>계층 {k}</translation>
    </message>
    <message>
        <source>step {step}  (faded: the {older} steps before)</source>
        <translation>스텝 {step}  (흐린 선: 그 전 {older}개 스텝)</translation>
    </message>
    <message>
        <source>step {step}</source>
        <translation>스텝 {step}</translation>
    </message>
</context>
<context>
    <name>gradients</name>
    <message>
        <source>iteration (TBPTT steps)</source>
        <translation>반복 (TBPTT 스텝)</translation>
    </message>
    <message>
        <source>gradient norm (log)</source>
        <translation>기울기 노름 (로그 눈금)</translation>
    </message>
    <message>
        <source>global</source>
        <translation>전체</translation>
    </message>
    <message>
        <source>clip</source>
        <translation>문턱값</translation>
    </message>
    <message>
        <source>clipped</source>
        <translation>클리핑됨</translation>
    </message>
</context>
<context>
    <name>graph_canvas</name>
    <message>
        <source>encoder</source>
        <translation>Encoder</translation>
    </message>
    <message>
        <source>decoder</source>
        <translation>Decoder</translation>
    </message>
    <message>
        <source>target</source>
        <translation>정답</translation>
    </message>
    <message>
        <source>input</source>
        <translation>입력</translation>
    </message>
    <message>
        <source>carried in:
no gradient ↓</source>
        <translation>이어받은 은닉 상태:
기울기 없음 ↓</translation>
    </message>
    <message>
        <source>not computed yet</source>
        <translation>아직 계산 전</translation>
    </message>
    <message>
        <source>forward: {value}</source>
        <translation>순전파: {value}</translation>
    </message>
    <message>
        <source>‖gradient‖: {value}</source>
        <translation>‖기울기‖: {value}</translation>
    </message>
</context>
<context>
    <name>graph_lines</name>
    <message>
        <source>BPTT cut</source>
        <translation>BPTT 끊김</translation>
    </message>
    <message>
        <source>the gradient stops here (k = {k})</source>
        <translation>기울기는 여기서 멈춤 (k = {k})</translation>
    </message>
</context>
<context>
    <name>graph_node_view</name>
    <message>
        <source>the input token&apos;s id</source>
        <translation>입력 토큰의 ID</translation>
    </message>
    <message>
        <source>(a row of the embedding)</source>
        <translation>(임베딩의 한 행)</translation>
    </message>
    <message>
        <source>L = mean over N·T</source>
        <translation>L = N·T개의 평균</translation>
    </message>
    <message>
        <source>(Time Affine, all T at once)</source>
        <translation>(Time Affine, 모든 T를 한꺼번에)</translation>
    </message>
    <message>
        <source>(weights in the lab&apos;s heatmap)</source>
        <translation>(가중치는 실험실의 히트맵에 표시)</translation>
    </message>
    <message>
        <source>(the encoder&apos;s h peeks in at every step; the size shown is the embedding&apos;s)</source>
        <translation>(Encoder의 h가 매 시각 엿보기로 들어옴; 표시된 크기는 임베딩의 것)</translation>
    </message>
    <message>
        <source>positive</source>
        <translation>긍정</translation>
    </message>
    <message>
        <source>label</source>
        <translation>레이블</translation>
    </message>
    <message>
        <source>L = mean over N</source>
        <translation>L = N개의 평균</translation>
    </message>
    <message>
        <source>No scores yet: the forward pass has not reached the head.</source>
        <translation>아직 점수가 없습니다: 순전파가 출력층까지 오지 않았습니다.</translation>
    </message>
    <message>
        <source>← target</source>
        <translation>← 정답</translation>
    </message>
    <message>
        <source>next token</source>
        <translation>다음 토큰</translation>
    </message>
    <message>
        <source>class</source>
        <translation>클래스</translation>
    </message>
    <message>
        <source>target “{token}” is not in the top {k}</source>
        <translation>정답 “{token}”은(는) 상위 {k}개에 없습니다</translation>
    </message>
    <message>
        <source>Close (Esc)</source>
        <translation>닫기 (Esc)</translation>
    </message>
    <message>
        <source>encoder, t = {t}</source>
        <translation>Encoder, t = {t}</translation>
    </message>
    <message>
        <source>decoder, t = {t}</source>
        <translation>Decoder, t = {t}</translation>
    </message>
    <message>
        <source>input “&lt;b&gt;{input}&lt;/b&gt;” &amp;nbsp;→ target “&lt;b&gt;{target}&lt;/b&gt;”</source>
        <translation>입력 “&lt;b&gt;{input}&lt;/b&gt;” &amp;nbsp;→ 정답 “&lt;b&gt;{target}&lt;/b&gt;”</translation>
    </message>
    <message>
        <source>value by unit ({n} shown)</source>
        <translation>유닛별 값 ({n}개 표시)</translation>
    </message>
    <message>
        <source>gradient by unit ({n} shown)</source>
        <translation>유닛별 기울기 ({n}개 표시)</translation>
    </message>
    <message>
        <source>A token has no size and takes no gradient.</source>
        <translation>토큰에는 크기가 없고 기울기도 흐르지 않습니다.</translation>
    </message>
    <message>
        <source>not computed yet (run forward)</source>
        <translation>아직 계산 전 (순전파를 진행하세요)</translation>
    </message>
    <message>
        <source>not computed yet (run backward)</source>
        <translation>아직 계산 전 (역전파를 진행하세요)</translation>
    </message>
</context>
<context>
    <name>graph_style</name>
    <message>
        <source>input xₜ</source>
        <translation>입력 xₜ</translation>
    </message>
    <message>
        <source>one-hot</source>
        <translation>원핫</translation>
    </message>
    <message>
        <source>Attention cₜ</source>
        <translation>어텐션 cₜ</translation>
    </message>
    <message>
        <source>Loss Lₜ</source>
        <translation>손실 Lₜ</translation>
    </message>
    <message>
        <source>‖gradient‖: none yet</source>
        <translation>‖기울기‖: 아직 없음</translation>
    </message>
    <message>
        <source>‖gradient‖ {lo} … {hi}, log (rings, edges; softmax and loss clamped)</source>
        <translation>‖기울기‖ {lo} … {hi}, 로그 눈금 (테두리, 간선; Softmax와 손실은 범위에 맞춰 자름)</translation>
    </message>
    <message>
        <source>encoder → decoder: only h crosses</source>
        <translation>Encoder → Decoder: h만 넘어감</translation>
    </message>
    <message>
        <source>truncation: no gradient to its left</source>
        <translation>끊는 곳: 왼쪽으로는 기울기가 없음</translation>
    </message>
    <message>
        <source>carried in</source>
        <translation>이어받은 은닉 상태</translation>
    </message>
    <message>
        <source>BPTT cut</source>
        <translation>BPTT 끊김</translation>
    </message>
    <message>
        <source>forward size (row min → max)</source>
        <translation>순전파 크기 (행별 최소 → 최대)</translation>
    </message>
    <message>
        <source>not computed yet</source>
        <translation>아직 계산 전</translation>
    </message>
    <message>
        <source>no gradient yet</source>
        <translation>아직 기울기 없음</translation>
    </message>
</context>
<context>
    <name>help_pages</name>
    <message>
        <source>Seq2seq lab</source>
        <translation>Seq2seq 실험실</translation>
    </message>
    <message>
        <source>An encoder reads a question (an addition, a date) and a decoder writes the answer. Tick Reverse input, Peeky or Attention to rebuild with the book&apos;s improvements; the curves show test accuracy per epoch and the loss per step, the table the test examples, and a decoded question its attention weights.</source>
        <translation>Encoder가 문제(덧셈, 날짜)를 읽고 Decoder가 답을 씁니다. 입력 반전, 엿보기, 어텐션을 켜면 책에서 개선한 모델로 다시 만듭니다. 곡선은 에폭마다의 테스트 정확도와 스텝마다의 손실을, 표는 테스트 예를, 디코딩한 문제는 어텐션 가중치를 보여 줍니다.</translation>
    </message>
    <message>
        <source>Classifier lab</source>
        <translation>분류기 실험실</translation>
    </message>
    <message>
        <source>A many-to-one classifier: an RNN reads a whole review and one sigmoid says how likely it is positive. Type a review to see that probability after every token, the hidden state over the tokens, and how far back the gradient reaches: with truncation at k steps it stops k tokens before the end, so the review&apos;s beginning can never teach the weights.</source>
        <translation>다대일 분류기: RNN이 리뷰 전체를 읽고 시그모이드 하나가 긍정일 확률을 냅니다. 리뷰를 입력하면 토큰마다 그 확률, 토큰별 은닉 상태, 기울기가 얼마나 멀리 거슬러 가는지가 보입니다. k 시각에서 끊으면(Truncated BPTT) 기울기는 끝에서 k 토큰 앞에서 멈추므로, 리뷰의 앞부분은 가중치를 결코 가르치지 못합니다.</translation>
    </message>
    <message>
        <source>Guided tours</source>
        <translation>따라 해 보는 투어</translation>
    </message>
    <message>
        <source>Welcome to rnnviz. </source>
        <translation>rnnviz에 오신 것을 환영합니다. </translation>
    </message>
    <message>
        <source>Each tour loads a chapter&apos;s run and walks you through it, one panel at a time: it rings a control, says what to do and what to look for, and waits for you to do it.</source>
        <translation>투어마다 장의 학습 설정을 불러와 패널을 하나씩 안내합니다. 조작할 곳에 테두리를 치고, 무엇을 하고 무엇을 볼지 알려 준 뒤, 직접 해 볼 때까지 기다립니다.</translation>
    </message>
    <message>
        <source>Start tour</source>
        <translation>투어 시작</translation>
    </message>
    <message>
        <source>Not now</source>
        <translation>나중에</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>닫기</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>버전</translation>
    </message>
    <message>
        <source>Licence</source>
        <translation>라이선스</translation>
    </message>
    <message>
        <source>MIT (rnnviz)</source>
        <translation>MIT (rnnviz)</translation>
    </message>
    <message>
        <source>Built with</source>
        <translation>사용한 소프트웨어</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>설정 파일</translation>
    </message>
    <message>
        <source>Autosaves and kept runs</source>
        <translation>자동 저장과 보관한 학습</translation>
    </message>
    <message>
        <source>Command-line runs</source>
        <translation>명령줄 학습 결과</translation>
    </message>
    <message>
        <source>runs/ in the folder you start it from</source>
        <translation>실행한 폴더의 runs/</translation>
    </message>
    <message>
        <source>Watch a recurrent neural network learn, step by step: a NumPy engine with its own backpropagation through time, following Deep Learning from Scratch 2 (ch. 5-8) and Dive into Deep Learning (ch. 9).</source>
        <translation>순환 신경망이 학습하는 모습을 한 스텝씩 지켜봅니다. BPTT까지 직접 구현한 NumPy 엔진으로 『밑바닥부터 시작하는 딥러닝 2』(5~8장)와 『Dive into Deep Learning』(9장)을 따라갑니다.</translation>
    </message>
    <message>
        <source>Tour...</source>
        <translation>투어...</translation>
    </message>
    <message>
        <source>What each panel shows</source>
        <translation>패널 안내</translation>
    </message>
    <message>
        <source>About rnnviz</source>
        <translation>rnnviz 정보</translation>
    </message>
</context>
<context>
    <name>hidden_states</name>
    <message>
        <source>input gate i</source>
        <translation>input 게이트 i</translation>
    </message>
    <message>
        <source>forget gate f</source>
        <translation>forget 게이트 f</translation>
    </message>
    <message>
        <source>output gate o</source>
        <translation>output 게이트 o</translation>
    </message>
    <message>
        <source>candidate g</source>
        <translation>새로운 기억 셀 g</translation>
    </message>
    <message>
        <source>reset gate r</source>
        <translation>reset 게이트 r</translation>
    </message>
    <message>
        <source>update gate z</source>
        <translation>update 게이트 z</translation>
    </message>
    <message>
        <source>candidate n</source>
        <translation>새로운 은닉 상태 n</translation>
    </message>
    <message>
        <source>h  (hidden state)</source>
        <translation>h  (은닉 상태)</translation>
    </message>
    <message>
        <source>c  (cell state)</source>
        <translation>c  (기억 셀)</translation>
    </message>
    <message>
        <source>layer</source>
        <translation>계층</translation>
    </message>
    <message>
        <source>show</source>
        <translation>표시</translation>
    </message>
    <message>
        <source>A probe keeps at most about 100 KB, so for a large model it holds evenly spaced units; the axis numbers are the units&apos; own indices.</source>
        <translation>프로브는 최대 약 100 KB만 담으므로, 큰 모델에서는 일정한 간격으로 뽑은 유닛만 담습니다. 축의 숫자는 유닛 본래의 번호입니다.</translation>
    </message>
    <message>
        <source>input token (time step t)</source>
        <translation>입력 토큰 (시각 t)</translation>
    </message>
    <message>
        <source>hidden unit</source>
        <translation>은닉 유닛</translation>
    </message>
    <message>
        <source>cₜ (cell state)</source>
        <translation>cₜ (기억 셀)</translation>
    </message>
    <message>
        <source>hₜ (hidden state)</source>
        <translation>hₜ (은닉 상태)</translation>
    </message>
    <message>
        <source>{shown} of {total} units shown</source>
        <translation>유닛 {total}개 중 {shown}개 표시</translation>
    </message>
    <message>
        <source>probe of step {step}, batch row {row}</source>
        <translation>스텝 {step}의 프로브, 배치 행 {row}</translation>
    </message>
    <message>
        <source>click a column to select a time step</source>
        <translation>열을 클릭해 시각 선택</translation>
    </message>
    <message>
        <source>unit {unit} ({layer})</source>
        <translation>유닛 {unit} ({layer})</translation>
    </message>
    <message>
        <source>unit {unit}, t = {t}</source>
        <translation>유닛 {unit}, t = {t}</translation>
    </message>
</context>
<context>
    <name>history</name>
    <message>
        <source>history entry {key} has shape {shape} and dtype {dtype}</source>
        <translation>기록 항목 {key}의 형상({shape})이나 dtype({dtype})이 맞지 않습니다</translation>
    </message>
    <message>
        <source>the {group} history columns differ in length ({lengths})</source>
        <translation>{group} 기록의 열 길이가 서로 다릅니다({lengths})</translation>
    </message>
    <message>
        <source>history entry {key} does not match {count} parameters over at most {steps} steps</source>
        <translation>기록 항목 {key}: 매개변수 {count}개, 최대 {steps} 스텝에 맞지 않습니다</translation>
    </message>
</context>
<context>
    <name>lab_actions</name>
    <message>
        <source>Open the seq2seq lab (L) and train a model first.</source>
        <translation>먼저 Seq2seq 실험실(L)을 열고 모델을 학습하세요.</translation>
    </message>
    <message>
        <source>Save seq2seq run</source>
        <translation>Seq2seq 실행 저장</translation>
    </message>
    <message>
        <source>Open the classifier lab (K) and train a model first.</source>
        <translation>먼저 분류기 실험실(K)을 열고 모델을 학습하세요.</translation>
    </message>
    <message>
        <source>Save classifier run</source>
        <translation>분류기 실행 저장</translation>
    </message>
    <message>
        <source>Open the comparison lab (C) and train the models first.</source>
        <translation>먼저 모델 비교(C)를 열고 모델을 학습하세요.</translation>
    </message>
    <message>
        <source>Save compared models</source>
        <translation>비교한 모델 저장</translation>
    </message>
    <message>
        <source>Nothing to save</source>
        <translation>저장할 것이 없습니다</translation>
    </message>
    <message>
        <source>rnnviz checkpoints (*.npz)</source>
        <translation>rnnviz 체크포인트 (*.npz)</translation>
    </message>
    <message>
        <source>Export {title}</source>
        <translation>{title} 내보내기</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>내보내기 실패</translation>
    </message>
</context>
<context>
    <name>lab_task</name>
    <message>
        <source>{name}: its curves could not be read ({error}); the run opened without them.</source>
        <translation>{name}: 곡선을 읽을 수 없어({error}) 곡선 없이 열었습니다.</translation>
    </message>
</context>
<context>
    <name>lens</name>
    <message>
        <source>the model&apos;s vocabulary, which has no &lt;unk&gt;, lacks {count} of the text&apos;s tokens ({tokens}): remove them, or choose to skip them</source>
        <translation>모델의 어휘에는 &lt;unk&gt;가 없고 텍스트의 토큰 {count}개({tokens})가 없습니다: 그 토큰을 지우거나 건너뛰기를 선택하세요</translation>
    </message>
    <message>
        <source>the text has {count} tokens; the lens needs at least 2 (the first one is only read)</source>
        <translation>텍스트의 토큰이 {count}개입니다. 텍스트 렌즈에는 적어도 2개가 필요합니다(첫 토큰은 읽기만 합니다)</translation>
    </message>
    <message>
        <source>the text has {count} tokens; the lens reads at most {limit}: shorten it</source>
        <translation>텍스트의 토큰이 {count}개입니다. 텍스트 렌즈는 최대 {limit}개까지 읽습니다: 텍스트를 줄이세요</translation>
    </message>
    <message>
        <source>position {t} has no prediction to explain: choose one of 1..{last}</source>
        <translation>위치 {t}에는 설명할 예측이 없습니다: 1..{last} 중에서 고르세요</translation>
    </message>
    <message>
        <source>the two readings are of different texts</source>
        <translation>두 읽기의 텍스트가 서로 다릅니다</translation>
    </message>
    <message>
        <source>{name} has no validation split: paste a text or open a file</source>
        <translation>{name}에는 검증 데이터가 없습니다: 텍스트를 붙여 넣거나 파일을 여세요</translation>
    </message>
    <message>
        <source>{name} was trained on another vocabulary ({other} tokens, this model&apos;s has {count}): compare checkpoints of the same corpus</source>
        <translation>{name}은(는) 다른 어휘({other}개 토큰, 이 모델의 어휘는 {count}개)로 학습되었습니다: 같은 말뭉치의 체크포인트끼리 비교하세요</translation>
    </message>
    <message>
        <source>read a text first</source>
        <translation>먼저 텍스트를 읽으세요</translation>
    </message>
</context>
<context>
    <name>lens_link</name>
    <message>
        <source>Read a text file</source>
        <translation>텍스트 파일 읽기</translation>
    </message>
    <message>
        <source>Text files (*.txt *.md);;All files (*)</source>
        <translation>텍스트 파일 (*.txt *.md);;모든 파일 (*)</translation>
    </message>
    <message>
        <source>Compare with checkpoint</source>
        <translation>체크포인트와 비교</translation>
    </message>
    <message>
        <source>rnnviz checkpoints (*.npz);;All files (*)</source>
        <translation>rnnviz 체크포인트 (*.npz);;모든 파일 (*)</translation>
    </message>
</context>
<context>
    <name>lens_readout</name>
    <message>
        <source>validation split</source>
        <translation>검증 데이터</translation>
    </message>
    <message>
        <source>pasted text</source>
        <translation>붙여 넣은 텍스트</translation>
    </message>
    <message>
        <source>first {n} of {total} tokens</source>
        <translation>토큰 {total}개 중 처음 {n}개</translation>
    </message>
    <message>
        <source>{n} tokens</source>
        <translation>토큰 {n}개</translation>
    </message>
    <message>
        <source>step {step}</source>
        <translation>스텝 {step}</translation>
    </message>
    <message>
        <source>step {step} (now {now}: Read again)</source>
        <translation>스텝 {step} (지금 {now}: 다시 읽기)</translation>
    </message>
    <message>
        <source>perplexity {value}</source>
        <translation>퍼플렉서티 {value}</translation>
    </message>
    <message>
        <source>{n} read as &lt;unk&gt;</source>
        <translation>{n}개를 &lt;unk&gt;로 읽음</translation>
    </message>
    <message>
        <source>{n} unknown skipped</source>
        <translation>모르는 토큰 {n}개 건너뜀</translation>
    </message>
    <message>
        <source>{name} (step {step}): perplexity {value}; {easier} tokens easier now, {harder} harder</source>
        <translation>{name} (스텝 {step}): 퍼플렉서티 {value}; 지금 더 쉬워진 토큰 {easier}개, 더 어려워진 토큰 {harder}개</translation>
    </message>
    <message>
        <source>Hover a token for its surprisal and the model&apos;s guesses; click it for its connectivity.</source>
        <translation>토큰에 마우스를 올리면 놀람도와 모델의 추측이, 클릭하면 연결성이 보입니다.</translation>
    </message>
    <message>
        <source>{token} (token {k})</source>
        <translation>{token} (토큰 {k})</translation>
    </message>
    <message>
        <source>the first token is only read: nothing predicts it</source>
        <translation>첫 토큰은 읽기만 합니다: 이 토큰을 예측하는 것은 없습니다</translation>
    </message>
    <message>
        <source>nats</source>
        <translation>나트</translation>
    </message>
    <message>
        <source>perplexity so far {value}</source>
        <translation>여기까지의 퍼플렉서티 {value}</translation>
    </message>
    <message>
        <source>moves log p of token {t} by {value} (distance {d})</source>
        <translation>토큰 {t}의 log p를 {value}만큼 움직임 (거리 {d})</translation>
    </message>
    <message>
        <source>{delta} nats against {name} ({value} there)</source>
        <translation>{name} 대비 {delta} 나트 (그쪽은 {value})</translation>
    </message>
    <message>
        <source>the model&apos;s guesses:</source>
        <translation>모델의 추측:</translation>
    </message>
</context>
<context>
    <name>lm</name>
    <message>
        <source>Evaluating validation</source>
        <translation>검증 데이터 평가 중</translation>
    </message>
    <message>
        <source>Evaluating test</source>
        <translation>테스트 데이터 평가 중</translation>
    </message>
    <message>
        <source>Evaluating {split}</source>
        <translation>{split} 평가 중</translation>
    </message>
    <message>
        <source>no model yet: choose a corpus and press Apply</source>
        <translation>아직 모델이 없습니다: 말뭉치를 고르고 적용을 누르세요</translation>
    </message>
    <message>
        <source>Loading corpus {name}</source>
        <translation>말뭉치 {name} 읽는 중</translation>
    </message>
    <message>
        <source>Building the model</source>
        <translation>모델 만드는 중</translation>
    </message>
    <message>
        <source>Opening checkpoint {name}</source>
        <translation>체크포인트 {name} 여는 중</translation>
    </message>
    <message>
        <source>{name}: its curves could not be read ({error}); the run opened without them.</source>
        <translation>{name}: 곡선을 읽을 수 없어({error}) 곡선 없이 열었습니다.</translation>
    </message>
    <message>
        <source>{name}: its saved probes could not be read ({error}); the timeline starts empty.</source>
        <translation>{name}: 저장된 프로브를 읽지 못했습니다 ({error}). 타임라인은 비어 있는 채로 시작합니다.</translation>
    </message>
    <message>
        <source>Ignored a click: this block&apos;s next sub-step is {phase}.</source>
        <translation>클릭을 무시했습니다: 이 블록의 다음 단계는 {phase}입니다.</translation>
    </message>
    <message>
        <source>clip must be &gt;= 0 (0 disables it), got {value}</source>
        <translation>클리핑 문턱값은 0 이상이어야 합니다(0이면 끔). 입력값: {value}</translation>
    </message>
    <message>
        <source>evaluate every k steps needs k &gt;= 0 (0: once per epoch), got {value}</source>
        <translation>평가 간격 k는 0 이상이어야 합니다(0: 에폭마다 한 번). 입력값: {value}</translation>
    </message>
    <message>
        <source>probe cadence must be at least 1 step, got {value}</source>
        <translation>프로브 간격은 1 스텝 이상이어야 합니다. 입력값: {value}</translation>
    </message>
    <message>
        <source>W_h scaled by {scale} at step {step}; Rewind undoes it</source>
        <translation>스텝 {step}에서 W_h에 {scale}을 곱했습니다. 되감기로 되돌릴 수 있습니다</translation>
    </message>
    <message>
        <source>the sampler ended without a result</source>
        <translation>샘플링이 결과 없이 끝났습니다</translation>
    </message>
    <message>
        <source>Saving checkpoint</source>
        <translation>체크포인트 저장 중</translation>
    </message>
    <message>
        <source>Autosave failed: {reason}</source>
        <translation>자동 저장 실패: {reason}</translation>
    </message>
</context>
<context>
    <name>lockstep</name>
    <message>
        <source>--compare has an empty model between two commas</source>
        <translation>--compare의 두 쉼표 사이에 모델이 비어 있습니다</translation>
    </message>
    <message>
        <source>{part} in --compare is neither a cell ({cells}) nor a setting such as lr=0.1</source>
        <translation>--compare의 {part}은(는) 셀({cells})도 lr=0.1 같은 설정도 아닙니다</translation>
    </message>
    <message>
        <source>{key} cannot vary in --compare; the settings that can are {keys}</source>
        <translation>--compare에서 {key}은(는) 바꿀 수 없습니다. 바꿀 수 있는 설정: {keys}</translation>
    </message>
    <message>
        <source>{part} in --compare: {value} is not a valid {key}</source>
        <translation>--compare의 {part}: {value}은(는) 올바른 {key}가 아닙니다</translation>
    </message>
    <message>
        <source>--compare takes 2 or 3 models separated by commas, got {count}</source>
        <translation>--compare에는 쉼표로 구분한 모델 2개나 3개를 줍니다. 입력: {count}개</translation>
    </message>
    <message>
        <source>--compare names the same model twice ({labels}); give each model a different setting</source>
        <translation>--compare에 같은 모델이 두 번 있습니다 ({labels}). 모델마다 다른 설정을 주세요</translation>
    </message>
    <message>
        <source>models in lockstep share the batch size and bptt</source>
        <translation>나란히 학습하는 모델은 배치 크기와 bptt를 공유합니다</translation>
    </message>
</context>
<context>
    <name>main_window</name>
    <message>
        <source>training</source>
        <translation>학습 중</translation>
    </message>
    <message>
        <source>paused</source>
        <translation>일시정지</translation>
    </message>
    <message>
        <source>diverged</source>
        <translation>발산</translation>
    </message>
    <message>
        <source>finished (Play continues)</source>
        <translation>완료 (재생하면 계속)</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>중지됨</translation>
    </message>
    <message>
        <source>Experiment</source>
        <translation>실험</translation>
    </message>
    <message>
        <source>Unknown preset</source>
        <translation>알 수 없는 프리셋</translation>
    </message>
    <message>
        <source>{preset} is not a preset; the presets are {presets}</source>
        <translation>{preset}은(는) 프리셋이 아닙니다. 프리셋: {presets}</translation>
    </message>
    <message>
        <source>Preset unavailable</source>
        <translation>프리셋을 쓸 수 없습니다</translation>
    </message>
    <message>
        <source>Invalid settings</source>
        <translation>잘못된 설정</translation>
    </message>
    <message>
        <source>Discard {n} steps of training?

The current weights and curves will be lost (File &gt; Save checkpoint... keeps them).</source>
        <translation>학습한 {n}스텝을 버릴까요?

지금의 가중치와 곡선이 사라집니다 (파일 &gt; 체크포인트 저장...으로 남겨 둘 수 있습니다).</translation>
    </message>
    <message>
        <source>Apply new settings</source>
        <translation>새 설정 적용</translation>
    </message>
    <message>
        <source>Reset</source>
        <translation>초기화</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>일시정지</translation>
    </message>
    <message>
        <source>Pause training (Space)</source>
        <translation>학습 일시정지 (Space)</translation>
    </message>
    <message>
        <source>Play</source>
        <translation>재생</translation>
    </message>
    <message>
        <source>Play training (Space)</source>
        <translation>학습 재생 (Space)</translation>
    </message>
    <message>
        <source>one-hot</source>
        <translation>원핫</translation>
    </message>
    <message>
        <source>embed {size}</source>
        <translation>임베딩 {size}</translation>
    </message>
    <message>
        <source>char</source>
        <translation>문자</translation>
    </message>
    <message>
        <source>word</source>
        <translation>단어</translation>
    </message>
    <message>
        <source>&lt;b&gt;Current run&lt;/b&gt;: {corpus} ({level}, V = {vocab}), {cell} {layers}x{hidden}, {input}; {parameters} parameters; {steps} steps per epoch of {tokens} tokens.</source>
        <translation>&lt;b&gt;현재 실행&lt;/b&gt;: {corpus} ({level}, V = {vocab}), {cell} {layers}x{hidden}, {input}; 매개변수 {parameters}개; 에폭당 {steps}스텝, 스텝당 {tokens}토큰.</translation>
    </message>
    <message>
        <source>rnnviz: {cell} on {corpus}</source>
        <translation>rnnviz: {corpus}의 {cell}</translation>
    </message>
    <message>
        <source>iteration {n}</source>
        <translation>반복 {n}</translation>
    </message>
    <message>
        <source>epoch {fraction} of {epochs}</source>
        <translation>에폭 {fraction} / {epochs}</translation>
    </message>
    <message>
        <source>epoch {fraction}</source>
        <translation>에폭 {fraction}</translation>
    </message>
    <message>
        <source>{rate} tokens/s</source>
        <translation>{rate} 토큰/초</translation>
    </message>
    <message>
        <source>– tokens/s</source>
        <translation>– 토큰/초</translation>
    </message>
</context>
<context>
    <name>memory</name>
    <message>
        <source>{n} bytes</source>
        <translation>{n}바이트</translation>
    </message>
    <message>
        <source>batches of {size}</source>
        <translation>크기 {size}의 배치</translation>
    </message>
    <message>
        <source>batches of {size}x{bptt}</source>
        <translation>{size}x{bptt} 배치</translation>
    </message>
    <message>
        <source>a model of hidden size {hidden} and vocabulary {vocab} needs about {needed} (parameters, gradients, optimizer state and caches for {batch}); this machine has {available} available: choose a smaller hidden size (--hidden-size) or batch size (--batch-size)</source>
        <translation>은닉 상태 크기 {hidden}, 어휘 수 {vocab}인 모델에는 약 {needed}가 필요합니다(매개변수, 기울기, 옵티마이저 상태, 그리고 {batch}에 드는 캐시). 이 컴퓨터에서 쓸 수 있는 메모리는 {available}입니다. 은닉 상태 크기(--hidden-size)나 배치 크기(--batch-size)를 줄이세요</translation>
    </message>
</context>
<context>
    <name>messages</name>
    <message>
        <source>There is not enough memory for this: choose a smaller hidden size, batch size or corpus.</source>
        <translation>메모리가 부족합니다. 은닉 상태 크기, 배치 크기 또는 말뭉치를 줄여 보세요.</translation>
    </message>
    <message>
        <source>Could not access {path}: {reason}.</source>
        <translation>{path}에 접근할 수 없습니다: {reason}.</translation>
    </message>
    <message>
        <source>Could not access: {reason}.</source>
        <translation>접근할 수 없습니다: {reason}.</translation>
    </message>
    <message>
        <source>Something went wrong inside rnnviz ({error}); the run is as it was. The details are printed in the terminal.</source>
        <translation>rnnviz 내부에서 문제가 생겼습니다({error}). 학습은 그대로입니다. 자세한 내용은 터미널에 출력했습니다.</translation>
    </message>
    <message>
        <source>Permission denied</source>
        <translation>권한이 없습니다</translation>
    </message>
    <message>
        <source>Operation not permitted</source>
        <translation>허용되지 않는 작업입니다</translation>
    </message>
    <message>
        <source>No such file or directory</source>
        <translation>그런 파일이나 폴더가 없습니다</translation>
    </message>
    <message>
        <source>No space left on device</source>
        <translation>디스크 공간이 부족합니다</translation>
    </message>
    <message>
        <source>Read-only file system</source>
        <translation>읽기 전용 파일 시스템입니다</translation>
    </message>
    <message>
        <source>Is a directory</source>
        <translation>폴더입니다</translation>
    </message>
    <message>
        <source>Not a directory</source>
        <translation>폴더가 아닙니다</translation>
    </message>
</context>
<context>
    <name>meta_fields</name>
    <message>
        <source>{where}: meta.json has no {key} entry</source>
        <translation>{where}: meta.json에 {key} 항목이 없습니다</translation>
    </message>
    <message>
        <source>{where}: meta.json {key} must be an integer in [0, {most}], got {value}</source>
        <translation>{where}: meta.json {key}은(는) [0, {most}] 범위의 정수여야 합니다(값: {value})</translation>
    </message>
    <message>
        <source>{where}: meta.json {key} must be a positive number, got {value}</source>
        <translation>{where}: meta.json {key}은(는) 양수여야 합니다(값: {value})</translation>
    </message>
    <message>
        <source>{where}: meta.json {key} must be a string, got {value}</source>
        <translation>{where}: meta.json {key}은(는) 문자열이어야 합니다(값: {value})</translation>
    </message>
    <message>
        <source>{where}: meta.json {key} must be an object</source>
        <translation>{where}: meta.json {key}은(는) 객체여야 합니다</translation>
    </message>
    <message>
        <source>{where}: {key}: missing {names}</source>
        <translation>{where}: {key}: {names} 없음</translation>
    </message>
    <message>
        <source>{where}: {key}.{field} must be an {type}, got {value}</source>
        <translation>{where}: {key}.{field}은(는) {type} 타입이어야 합니다(값: {value})</translation>
    </message>
    <message>
        <source>{where}: {key}.{field} must be a {type}, got {value}</source>
        <translation>{where}: {key}.{field}은(는) {type} 타입이어야 합니다(값: {value})</translation>
    </message>
    <message>
        <source>{where}: {key}: {reason}</source>
        <translation>{where}: {key}: {reason}</translation>
    </message>
    <message>
        <source>the model&apos;s vocab_size</source>
        <translation>모델의 vocab_size</translation>
    </message>
    <message>
        <source>{where}: vocab: &apos;normalize&apos; must be true or false, got {value}</source>
        <translation>{where}: vocab: &apos;normalize&apos;는 true 또는 false여야 합니다(값: {value})</translation>
    </message>
    <message>
        <source>{where}: vocab: {reason}</source>
        <translation>{where}: vocab: {reason}</translation>
    </message>
    <message>
        <source>{where}: vocabulary has {count} tokens but {label} is {size}</source>
        <translation>{where}: 어휘의 토큰은 {count}개인데 {label}은(는) {size}입니다</translation>
    </message>
    <message>
        <source>{where}: RNG state {label} must be an object</source>
        <translation>{where}: RNG 상태 {label}은(는) 객체여야 합니다</translation>
    </message>
    <message>
        <source>{where}: RNG state {label} must be a RandomState&apos;s (MT19937), got {kind}</source>
        <translation>{where}: RNG 상태 {label}은(는) RandomState(MT19937)의 상태여야 합니다(값: {kind})</translation>
    </message>
    <message>
        <source>{where}: RNG state {label} names no NumPy bit generator ({kind})</source>
        <translation>{where}: RNG 상태 {label}에 적힌 NumPy 비트 생성기가 없습니다({kind})</translation>
    </message>
    <message>
        <source>{where}: RNG state {label} is malformed ({problem})</source>
        <translation>{where}: RNG 상태 {label}의 형식이 잘못되었습니다({problem})</translation>
    </message>
    <message>
        <source>{path} must have the keys {keys}</source>
        <translation>{path}에는 {keys} 키가 있어야 합니다</translation>
    </message>
    <message>
        <source>{path} must be {value}</source>
        <translation>{path}의 값은 {value}여야 합니다</translation>
    </message>
    <message>
        <source>{path} must be a list of {count} integers in [0, {most}]</source>
        <translation>{path}은(는) [0, {most}] 범위 정수 {count}개의 리스트여야 합니다</translation>
    </message>
    <message>
        <source>{path} must be a number</source>
        <translation>{path}은(는) 숫자여야 합니다</translation>
    </message>
    <message>
        <source>{path} must be an integer in [0, {most}], got {value}</source>
        <translation>{path}은(는) [0, {most}] 범위의 정수여야 합니다(값: {value})</translation>
    </message>
    <message>
        <source>{where}: meta.json &apos;stream&apos; must map names to objects</source>
        <translation>{where}: meta.json &apos;stream&apos;은 이름마다 객체를 대응시켜야 합니다</translation>
    </message>
    <message>
        <source>{where}: meta.json stream.{label} must be an object</source>
        <translation>{where}: meta.json stream.{label}은(는) 객체여야 합니다</translation>
    </message>
    <message>
        <source>{where}: stream.{label}.{key} must be a non-negative integer, got {value}</source>
        <translation>{where}: stream.{label}.{key}은(는) 음이 아닌 정수여야 합니다(값: {value})</translation>
    </message>
    <message>
        <source>a string</source>
        <translation>문자열</translation>
    </message>
    <message>
        <source>one of {choices}</source>
        <translation>{choices} 중 하나</translation>
    </message>
    <message>
        <source>true or false</source>
        <translation>true 또는 false</translation>
    </message>
    <message>
        <source>null or a positive integer</source>
        <translation>null 또는 양의 정수</translation>
    </message>
    <message>
        <source>null or a string</source>
        <translation>null 또는 문자열</translation>
    </message>
    <message>
        <source>a string, number, boolean or null</source>
        <translation>문자열, 숫자, 불리언 또는 null</translation>
    </message>
    <message>
        <source>{where}: meta.json &apos;data&apos; must be an object</source>
        <translation>{where}: meta.json &apos;data&apos;는 객체여야 합니다</translation>
    </message>
    <message>
        <source>{where}: data.{key} must be {wanted}, got {value}</source>
        <translation>{where}: data.{key}의 값이 맞지 않습니다(기대: {wanted}, 값: {value})</translation>
    </message>
</context>
<context>
    <name>next_token</name>
    <message>
        <source>time step</source>
        <translation>시각</translation>
    </message>
    <message>
        <source>probability</source>
        <translation>확률</translation>
    </message>
    <message>
        <source>top {k}</source>
        <translation>상위 {k}</translation>
    </message>
    <message>
        <source>the {k} likeliest tokens by name, or every token&apos;s probability sorted, with the entropy</source>
        <translation>가장 가능성 높은 {k}개 토큰의 이름, 또는 모든 토큰의 확률을 정렬해 엔트로피와 함께</translation>
    </message>
    <message>
        <source>all {V}</source>
        <translation>전체 {V}</translation>
    </message>
    <message>
        <source>all</source>
        <translation>전체</translation>
    </message>
    <message>
        <source>t = {t} of 0–{last}  (last)</source>
        <translation>t = {t} (0–{last} 중, 마지막)</translation>
    </message>
    <message>
        <source>t = {t} of 0–{last}</source>
        <translation>t = {t} (0–{last} 중)</translation>
    </message>
    <message>
        <source>{token}  (rank &gt; {k})</source>
        <translation>{token}  (순위 &gt; {k})</translation>
    </message>
    <message>
        <source>rank {rank} of the top {k}</source>
        <translation>상위 {k}개 중 {rank}위</translation>
    </message>
    <message>
        <source>not in the top {k}</source>
        <translation>상위 {k}개 밖</translation>
    </message>
    <message>
        <source>target {token}: p = {p}, −log p = {loss}</source>
        <translation>정답 {token}: p = {p}, −log p = {loss}</translation>
    </message>
    <message>
        <source>&lt;span style=&apos;color:{muted}&apos;&gt;after&lt;/span&gt; “{context}” &lt;span style=&apos;color:{muted}&apos;&gt;the model predicts:&lt;/span&gt;</source>
        <translation>&lt;span style=&apos;color:{muted}&apos;&gt;입력&lt;/span&gt; “{context}” &lt;span style=&apos;color:{muted}&apos;&gt;다음에 올 토큰의 예측:&lt;/span&gt;</translation>
    </message>
</context>
<context>
    <name>next_token_all</name>
    <message>
        <source>rank (1 = the likeliest)</source>
        <translation>순위 (1 = 가장 가능성 높음)</translation>
    </message>
    <message>
        <source>p</source>
        <translation>p</translation>
    </message>
    <message>
        <source>This probe has no whole distribution (it was taken by an older version).</source>
        <translation>이 프로브에는 전체 확률분포가 없습니다 (이전 버전이 만든 프로브입니다).</translation>
    </message>
    <message>
        <source>target, rank {rank}</source>
        <translation>정답, {rank}위</translation>
    </message>
    <message>
        <source>entropy H = {nats} nats = {bits} bits; exp(H) = {ppl}: as unsure as a fair pick among {ppl} tokens</source>
        <translation>엔트로피 H = {nats} nats = {bits} bits; exp(H) = {ppl}: 토큰 {ppl}개 중 하나를 고르게 고르는 만큼 불확실함</translation>
    </message>
    <message>
        <source>target {token}: rank {rank} of {V}, p = {p}</source>
        <translation>정답 {token}: {V}개 중 {rank}위, p = {p}</translation>
    </message>
    <message>
        <source>One bar per rank up to rank {k}; past it each bar is the mean probability of a bin of ranks, as wide as the bin.</source>
        <translation>{k}위까지는 순위마다 막대 하나; 그 뒤의 막대는 순위 구간의 평균 확률이며, 폭은 구간의 폭입니다.</translation>
    </message>
    <message>
        <source>One bar per token, the likeliest first.</source>
        <translation>토큰마다 막대 하나, 가장 가능성 높은 것부터.</translation>
    </message>
</context>
<context>
    <name>pairs</name>
    <message>
        <source>the question is empty</source>
        <translation>질문이 비어 있습니다</translation>
    </message>
    <message>
        <source>the question is {length} characters long; {name} questions have at most {most}</source>
        <translation>질문이 {length}자입니다. {name} 질문은 최대 {most}자입니다</translation>
    </message>
    <message>
        <source>character {char} (position {position}) never appears in an {name} question</source>
        <translation>문자 {char}(위치 {position})은(는) {name} 질문에 나오지 않습니다</translation>
    </message>
    <message>
        <source>character {char} (position {position}) never appears in a {name} question</source>
        <translation>문자 {char}(위치 {position})은(는) {name} 질문에 나오지 않습니다</translation>
    </message>
    <message>
        <source>the answer is empty</source>
        <translation>답이 비어 있습니다</translation>
    </message>
    <message>
        <source>the answer is {length} characters long; {name} answers have at most {most}</source>
        <translation>답이 {length}자입니다. {name} 답은 최대 {most}자입니다</translation>
    </message>
    <message>
        <source>character {char} (position {position}) never appears in an answer</source>
        <translation>문자 {char}(위치 {position})은(는) 답에 나오지 않습니다</translation>
    </message>
    <message>
        <source>the number of examples must be a non-negative integer, got {value}</source>
        <translation>예제 수는 음이 아닌 정수여야 합니다(입력값: {value})</translation>
    </message>
    <message>
        <source>at most {most} examples can be generated, got {count}</source>
        <translation>예제는 최대 {most}개까지 만들 수 있습니다(입력값: {count})</translation>
    </message>
    <message>
        <source>pair {index}: the question {question} holds {start}, the start symbol</source>
        <translation>{index}번째 쌍: 질문 {question}에 시작 기호 {start}이(가) 들어 있습니다</translation>
    </message>
    <message>
        <source>pair {index}: a question or answer holds a line break</source>
        <translation>{index}번째 쌍: 질문이나 답에 줄바꿈이 있습니다</translation>
    </message>
    <message>
        <source>pair {index}: {question} -&gt; {answer} is wider than question_width={question_width}, answer_width={answer_width} (counting {start})</source>
        <translation>{index}번째 쌍: {question} -&gt; {answer}이(가) question_width={question_width}, answer_width={answer_width}보다 넓습니다({start} 포함)</translation>
    </message>
    <message>
        <source>seed must be an integer in [0, 2**32), got {value}</source>
        <translation>seed 값은 [0, 2**32) 범위의 정수여야 합니다(입력값: {value})</translation>
    </message>
    <message>
        <source>{name}: too large for a pairs file ({size} MB, at most {most} MB); use a file of fewer examples</source>
        <translation>{name}: 쌍 파일로는 너무 큽니다({size} MB, 최대 {most} MB). 예제가 더 적은 파일을 쓰세요</translation>
    </message>
    <message>
        <source>{name}: no examples</source>
        <translation>{name}: 예제가 없습니다</translation>
    </message>
    <message>
        <source>{name}: line {line} has no {start} between question and answer</source>
        <translation>{name}: {line}행에 질문과 답을 가르는 {start}이(가) 없습니다</translation>
    </message>
    <message>
        <source>{name}: line {line} is {length} characters long but line 1 is {width}; every line must be padded to the same width</source>
        <translation>{name}: {line}행은 {length}자인데 1행은 {width}자입니다. 모든 행을 같은 너비로 채워야 합니다</translation>
    </message>
    <message>
        <source>{name}: line {line} has its {start} in column {column} but line 1 in column {first}</source>
        <translation>{name}: {line}행의 {start}은(는) {column}열에 있지만 1행에서는 {first}열에 있습니다</translation>
    </message>
    <message>
        <source>{name}: the questions are empty (line 1 starts with {start})</source>
        <translation>{name}: 질문이 비어 있습니다(1행이 {start}(으)로 시작합니다)</translation>
    </message>
    <message>
        <source>{name}: the answers are empty (line 1 ends with {start})</source>
        <translation>{name}: 답이 비어 있습니다(1행이 {start}(으)로 끝납니다)</translation>
    </message>
    <message>
        <source>{name}: {count} examples; at least {most} are needed so the last 10 % can be a test set</source>
        <translation>{name}: 예제가 {count}개입니다. 마지막 10 %를 테스트 데이터로 쓰려면 최소 {most}개가 필요합니다</translation>
    </message>
</context>
<context>
    <name>panels</name>
    <message>
        <source>Nothing to show yet: press Play or Step to train.</source>
        <translation>아직 보여 줄 것이 없습니다. 재생이나 한 스텝을 눌러 학습을 시작하세요.</translation>
    </message>
    <message>
        <source>Gradient flow</source>
        <translation>기울기 흐름</translation>
    </message>
    <message>
        <source>Gradient reaching each time step of the window: a steep fall to the left means vanishing gradients (the book&apos;s ch. 6 figure). Faded: the previous steps.</source>
        <translation>구간의 각 시각까지 전해진 기울기입니다. 왼쪽으로 갈수록 가파르게 줄어들면 기울기 소실입니다(책 6장의 그림). 흐린 선은 이전 스텝들입니다.</translation>
    </message>
    <message>
        <source>No backward pass yet.
Press Step to see how far the gradient flows back in time.</source>
        <translation>아직 역전파가 없습니다.
한 스텝을 누르면 기울기가 시간을 거슬러 얼마나 멀리 전해지는지 볼 수 있습니다.</translation>
    </message>
    <message>
        <source>Gradient norms</source>
        <translation>기울기 노름</translation>
    </message>
    <message>
        <source>Gradient size per step; spikes above the dashed clip threshold are scaled down (red marks). Click a legend entry to show or hide a parameter.</source>
        <translation>스텝마다의 기울기 크기입니다. 점선(클리핑 문턱값)을 넘는 값은 줄여서 씁니다(빨간 표시). 범례 항목을 클릭하면 매개변수의 곡선을 보이거나 숨깁니다.</translation>
    </message>
    <message>
        <source>No gradients yet.
Press Play or Step to train.</source>
        <translation>아직 기울기가 없습니다.
재생이나 한 스텝을 누르면 학습이 시작됩니다.</translation>
    </message>
    <message>
        <source>Hidden states</source>
        <translation>은닉 상태</translation>
    </message>
    <message>
        <source>Each row a hidden unit, each column an input token: look for units that switch at spaces or line ends. Click a column to inspect that time step.</source>
        <translation>행은 은닉 유닛, 열은 입력 토큰입니다. 공백이나 줄 끝에서 바뀌는 유닛을 찾아보세요. 열을 클릭하면 그 시각을 자세히 볼 수 있습니다.</translation>
    </message>
    <message>
        <source>No probe yet.
Press Step (or Play) to look inside the recurrent layers.</source>
        <translation>아직 프로브가 없습니다.
한 스텝(또는 재생)을 누르면 순환 계층 안을 들여다볼 수 있습니다.</translation>
    </message>
    <message>
        <source>Next token</source>
        <translation>다음 토큰</translation>
    </message>
    <message>
        <source>The model&apos;s best guesses for the next token; orange is the token that really came next, and its -log p is this step&apos;s loss.</source>
        <translation>Softmax 확률분포에서 확률이 가장 높은 다음 토큰 후보들입니다. 주황색은 실제로 다음에 온 토큰이고, 그 -log p가 이 시각의 손실입니다.</translation>
    </message>
    <message>
        <source>No probe yet.
Press Step (or Play) to see the model&apos;s next-token guesses.</source>
        <translation>아직 프로브가 없습니다.
한 스텝(또는 재생)을 누르면 모델이 예측한 다음 토큰을 볼 수 있습니다.</translation>
    </message>
    <message>
        <source>Perplexity</source>
        <translation>퍼플렉서티</translation>
    </message>
    <message>
        <source>Perplexity = exp(loss): roughly how many tokens the model hesitates between. Validation rising while training falls means overfitting.</source>
        <translation>퍼플렉서티 = exp(손실): 모델이 대략 몇 개의 토큰 사이에서 망설이는지를 나타냅니다. 학습 퍼플렉서티는 내려가는데 검증 퍼플렉서티가 올라가면 오버피팅입니다.</translation>
    </message>
    <message>
        <source>No training steps yet.
Press Play or Step, and perplexity appears here.</source>
        <translation>아직 학습한 스텝이 없습니다.
재생이나 한 스텝을 누르면 여기에 퍼플렉서티가 나타납니다.</translation>
    </message>
    <message>
        <source>Sample</source>
        <translation>문장 생성</translation>
    </message>
    <message>
        <source>Text the model writes now, each token tinted by the probability the model gave it (warm = surprising); hover a token for its alternatives.</source>
        <translation>모델이 지금 쓰는 텍스트입니다. 각 토큰은 모델이 준 확률에 따라 색칠됩니다(따뜻한 색 = 뜻밖의 토큰). 토큰 위에 마우스를 올리면 다른 후보들이 보입니다.</translation>
    </message>
    <message>
        <source>Accuracy</source>
        <translation>정확도</translation>
    </message>
    <message>
        <source>Test accuracy after each epoch: whole answers right (thick) and each answer position alone (faint). Plain seq2seq stalls; reverse, peeky and attention lift it.</source>
        <translation>에폭마다 잰 테스트 정확도: 답 전체가 맞은 비율(굵은 선)과 답의 자리별 정확도(옅은 선)입니다. 기본 seq2seq는 정체되지만 입력 반전, 엿보기, 어텐션을 쓰면 올라갑니다.</translation>
    </message>
    <message>
        <source>No epoch finished yet.
Press Play or Step epoch: accuracy is measured after each epoch.</source>
        <translation>아직 끝난 에폭이 없습니다.
재생이나 한 에폭을 누르세요. 정확도는 에폭이 끝날 때마다 잽니다.</translation>
    </message>
    <message>
        <source>Test examples</source>
        <translation>테스트 예</translation>
    </message>
    <message>
        <source>The first test questions and what the model answers now. Click one to watch it decoded.</source>
        <translation>앞쪽 테스트 질문들과 모델의 지금 답입니다. 하나를 클릭하면 디코딩 과정을 볼 수 있습니다.</translation>
    </message>
    <message>
        <source>The model&apos;s answers appear here after each epoch.</source>
        <translation>에폭이 끝날 때마다 모델의 답이 여기에 나타납니다.</translation>
    </message>
    <message>
        <source>Attention</source>
        <translation>어텐션</translation>
    </message>
    <message>
        <source>Dark cells: the question characters the decoder looked at while writing each row&apos;s character (each row sums to 1).</source>
        <translation>진한 칸: 각 행의 문자를 쓸 때 Decoder가 주목한 질문 문자입니다 (행마다 합은 1).</translation>
    </message>
    <message>
        <source>Decode a question (type one, or click a test example) to see where the decoder looks.</source>
        <translation>질문을 디코딩하면 (직접 입력하거나 테스트 예를 클릭) Decoder가 어디를 보는지 나타납니다.</translation>
    </message>
    <message>
        <source>This variant has no attention: its decoder only sees the question through one vector h.
Tick Attention to rebuild with it.</source>
        <translation>이 모델에는 어텐션이 없습니다. Decoder는 벡터 h 하나로만 질문을 봅니다.
&apos;어텐션&apos;에 체크하면 어텐션을 넣어 다시 만듭니다.</translation>
    </message>
    <message>
        <source>The encoder read it reversed; the columns are flipped back to the order written.</source>
        <translation>Encoder는 질문을 거꾸로 읽었습니다. 열은 원래 쓴 순서로 되돌려 보여 줍니다.</translation>
    </message>
    <message>
        <source>Truncated BPTT map</source>
        <translation>Truncated BPTT 지도</translation>
    </message>
    <message>
        <source>Each row a stretch of the corpus, named after the batch row (stream) reading it now; each step every stream reads T more.</source>
        <translation>각 행은 말뭉치의 한 구간이며, 지금 그곳을 읽는 배치 행(스트림)의 이름이 붙어 있습니다. 스텝마다 모든 스트림이 T개씩 더 읽습니다.</translation>
    </message>
    <message>
        <source>Train or step to see where the batch reads</source>
        <translation>학습하거나 한 스텝 진행하면 배치가 어디를 읽는지 보입니다</translation>
    </message>
    <message>
        <source>One question and its answer unrolled: the encoder reads the question (left), hands its last h to the decoder (right), which is trained to write the answer. Fill = forward size, ring = gradient.</source>
        <translation>질문 하나와 그 답을 펼친 그림입니다. Encoder가 질문을 읽고(왼쪽) 마지막 h를 Decoder(오른쪽)에 넘기며, Decoder는 답을 쓰도록 학습됩니다. 채움 = 순전파 크기, 테두리 = 기울기.</translation>
    </message>
    <message>
        <source>One text read by the classifier: every token updates h, and only the last h reaches the output and the one loss. Left of the red line the truncated backward pass never goes. Fill = forward size, ring = gradient.</source>
        <translation>분류기가 읽은 텍스트 하나: 토큰마다 h가 바뀌고, 마지막 h만 출력과 하나뿐인 손실에 닿습니다. 빨간 선 왼쪽으로는 끊긴 역전파가 가지 않습니다. 채움 = 순전파 크기, 테두리 = 기울기.</translation>
    </message>
    <message>
        <source>Unrolled graph</source>
        <translation>펼친 계산 그래프</translation>
    </message>
    <message>
        <source>One batch row&apos;s block unrolled over time: fill = forward size, ring = gradient; Affine, softmax and loss run on all T columns at once.</source>
        <translation>배치의 한 행이 처리하는 블록을 시간 방향으로 펼친 그림입니다. 채움 = 순전파 크기, 테두리 = 기울기이며, Affine, Softmax, 손실은 T개 열 모두에서 한꺼번에 계산합니다.</translation>
    </message>
    <message>
        <source>No graph yet.
Press Forward 1 step to walk through a block, or Play to train.</source>
        <translation>아직 그래프가 없습니다.
순전파 1스텝을 눌러 블록을 한 단계씩 따라가거나, 재생을 눌러 학습하세요.</translation>
    </message>
    <message>
        <source>Classifier curves</source>
        <translation>분류기 곡선</translation>
    </message>
    <message>
        <source>Accuracy after each epoch, loss after each step. At the dotted line the model guesses.</source>
        <translation>에폭마다 정확도, 스텝마다 손실. 점선은 무작위로 찍는 수준입니다.</translation>
    </message>
    <message>
        <source>Nothing trained yet.
Press Play, Step or Step epoch: accuracy is measured after each epoch.</source>
        <translation>아직 학습하지 않았습니다.
재생, 한 스텝 또는 한 에폭을 누르세요. 정확도는 에폭마다 잽니다.</translation>
    </message>
    <message>
        <source>Validation examples</source>
        <translation>검증 예</translation>
    </message>
    <message>
        <source>What the model says of the first validation texts. Click one to read it.</source>
        <translation>처음 몇 개 검증 텍스트에 대한 모델의 판정. 클릭하면 토큰별로 읽습니다.</translation>
    </message>
    <message>
        <source>The model&apos;s verdicts appear here after each epoch.</source>
        <translation>에폭마다 모델의 판정이 여기에 나타납니다.</translation>
    </message>
    <message>
        <source>Review, token by token</source>
        <translation>토큰별로 읽은 리뷰</translation>
    </message>
    <message>
        <source>After every token: the verdict so far, the hidden state h_t (&lt;span style=&apos;color:#2151db&apos;&gt;■&lt;/span&gt; −1 · white 0 · &lt;span style=&apos;color:#c00206&apos;&gt;■&lt;/span&gt; +1), and the gradient that reaches it (solid: as trained, dashed: full BPTT).</source>
        <translation>토큰마다: 지금까지의 판정, 은닉 상태 h_t (&lt;span style=&apos;color:#2151db&apos;&gt;■&lt;/span&gt; −1 · 흰색 0 · &lt;span style=&apos;color:#c00206&apos;&gt;■&lt;/span&gt; +1), 그 토큰에 닿는 기울기 (실선: 학습할 때, 점선: 전체 BPTT).</translation>
    </message>
    <message>
        <source>Type a review above and press Enter, or click a validation example: P(positive) after every word, the hidden state and how far back the gradient reaches.</source>
        <translation>위에 리뷰를 입력하고 Enter를 누르거나 검증 예를 클릭하세요. 단어마다 P(긍정), 은닉 상태, 기울기가 얼마나 멀리 거슬러 닿는지를 보여 줍니다.</translation>
    </message>
    <message>
        <source>Gate saturation</source>
        <translation>게이트 포화</translation>
    </message>
    <message>
        <source>Each dot is one unit of one gate: how often, over the probed block, it is nearly shut (x, below 0.1) or wide open (y, above 0.9). Units in the corners are switches, near the origin graded; a forget gate high up (right-saturated) remembers. Click a dot to find its unit in Hidden states.</source>
        <translation>점 하나가 게이트 하나의 유닛 하나입니다. 프로브한 블록에서 거의 닫혀 있던(x, 0.1 미만) 시각과 활짝 열려 있던(y, 0.9 초과) 시각의 비율을 나타냅니다. 모서리의 유닛은 스위치처럼 켜고 끄고, 원점 가까이의 유닛은 값을 조금씩 조절합니다. 위쪽에 있는(오른쪽 포화) forget 게이트는 기억을 유지합니다. 점을 클릭하면 은닉 상태에서 그 유닛을 찾아 줍니다.</translation>
    </message>
    <message>
        <source>No probe yet.
Press Step (or Play) to see how often the gates saturate.</source>
        <translation>아직 프로브가 없습니다.
한 스텝(또는 재생)을 누르면 게이트가 얼마나 자주 포화되는지 볼 수 있습니다.</translation>
    </message>
    <message>
        <source>A plain RNN has no gates.
Choose LSTM or GRU in the Experiment form to see them saturate.</source>
        <translation>기본 RNN에는 게이트가 없습니다.
실험 양식에서 LSTM이나 GRU를 고르면 게이트의 포화를 볼 수 있습니다.</translation>
    </message>
    <message>
        <source>W_h spectrum</source>
        <translation>W_h 스펙트럼</translation>
    </message>
    <message>
        <source>Move s to multiply every W_h by it: once s·σ_max passes 1, the gradient grows on its way back (explodes); well below, it vanishes. Eigenvalues outside the unit circle grow at every step back.</source>
        <translation>s를 움직이면 모든 W_h에 s가 곱해집니다. s·σ_max가 1을 넘으면 기울기가 거꾸로 전해지며 커지고(기울기 폭발), 1보다 한참 작으면 사라집니다(기울기 소실). 단위원 밖의 고윳값은 한 시각 거슬러 갈 때마다 커집니다.</translation>
    </message>
    <message>
        <source>No model yet: choose a corpus and press Apply.
The book&apos;s experiment (ch06) needs none: choose it above.</source>
        <translation>아직 모델이 없습니다. 말뭉치를 고르고 적용을 누르세요.
책의 실험(6장)은 모델 없이 됩니다. 위에서 고르세요.</translation>
    </message>
    <message>
        <source>Text lens</source>
        <translation>텍스트 렌즈</translation>
    </message>
    <message>
        <source>A held-out text as the model reads it, each token tinted by its surprisal −log p (warm = surprising). Hover a token for p and the model&apos;s guesses; click one to see how much each earlier token moves its prediction.</source>
        <translation>모델이 읽은 검증용 텍스트입니다. 각 토큰은 놀람도 −log p에 따라 색칠됩니다(따뜻한 색 = 뜻밖). 토큰에 마우스를 올리면 p와 모델의 추측이 보이고, 클릭하면 앞선 각 토큰이 그 예측을 얼마나 움직이는지 보입니다.</translation>
    </message>
    <message>
        <source>No model yet: choose a corpus and press Apply.</source>
        <translation>아직 모델이 없습니다: 말뭉치를 고르고 [적용]을 누르세요.</translation>
    </message>
</context>
<context>
    <name>perplexity</name>
    <message>
        <source>training, smoothed</source>
        <translation>학습 (평활화)</translation>
    </message>
    <message>
        <source>each step</source>
        <translation>스텝별</translation>
    </message>
    <message>
        <source>validation</source>
        <translation>검증</translation>
    </message>
    <message>
        <source>iteration (TBPTT steps)</source>
        <translation>반복 (TBPTT 스텝)</translation>
    </message>
    <message>
        <source>perplexity (log)</source>
        <translation>퍼플렉서티 (로그 눈금)</translation>
    </message>
    <message>
        <source>Book&apos;s curve</source>
        <translation>책의 곡선</translation>
    </message>
    <message>
        <source>The same preset trained by the book&apos;s own code (Deep Learning from Scratch 2), drawn faint behind this run</source>
        <translation>같은 프리셋을 책의 코드(밑바닥부터 시작하는 딥러닝 2)로 학습한 곡선을 이 학습 뒤에 흐리게 그립니다</translation>
    </message>
    <message>
        <source>epoch {n}</source>
        <translation>에폭 {n}</translation>
    </message>
    <message>
        <source>iteration {iteration}   epoch {epoch}</source>
        <translation>반복 {iteration}   에폭 {epoch}</translation>
    </message>
    <message>
        <source>train ppl {ppl}   (smoothed {smoothed})</source>
        <translation>학습 퍼플렉서티 {ppl}   (평활화 {smoothed})</translation>
    </message>
    <message>
        <source>valid ppl {ppl}   (at iteration {iteration})</source>
        <translation>검증 퍼플렉서티 {ppl}   (반복 {iteration} 시점)</translation>
    </message>
</context>
<context>
    <name>presets</name>
    <message>
        <source>DLFS2 ch.5 SimpleRnnlm (PTB, first 1000 words)</source>
        <translation>밑바닥 2 · 5장 SimpleRnnlm (PTB, 앞 1000단어)</translation>
    </message>
    <message>
        <source>Deep Learning from Scratch 2, ch. 5 (ch05/train_custom_loop.py)</source>
        <translation>『밑바닥부터 시작하는 딥러닝 2』 5장 (ch05/train_custom_loop.py)</translation>
    </message>
    <message>
        <source>DLFS2 ch.6 Rnnlm (PTB, LSTM)</source>
        <translation>밑바닥 2 · 6장 Rnnlm (PTB, LSTM)</translation>
    </message>
    <message>
        <source>Deep Learning from Scratch 2, ch. 6 (ch06/train_rnnlm.py)</source>
        <translation>『밑바닥부터 시작하는 딥러닝 2』 6장 (ch06/train_rnnlm.py)</translation>
    </message>
    <message>
        <source>d2l 9.5 char RNN (The Time Machine)</source>
        <translation>d2l 9.5 문자 RNN (The Time Machine)</translation>
    </message>
    <message>
        <source>Dive into Deep Learning, 9.5 (RNN from scratch)</source>
        <translation>Dive into Deep Learning 9.5 (RNN 밑바닥부터 구현하기)</translation>
    </message>
    <message>
        <source>Character LSTM on the bundled tale</source>
        <translation>동봉된 tale 말뭉치로 배우는 문자 LSTM</translation>
    </message>
    <message>
        <source>rnnviz&apos;s default: learns within a minute</source>
        <translation>rnnviz 기본 설정: 1분 안에 학습됩니다</translation>
    </message>
</context>
<context>
    <name>probe_archive</name>
    <message>
        <source>the saved probes&apos; index is not a list</source>
        <translation>저장된 프로브 목록이 리스트가 아닙니다</translation>
    </message>
    <message>
        <source>a saved probe&apos;s entry is malformed</source>
        <translation>저장된 프로브 항목의 형식이 잘못되었습니다</translation>
    </message>
    <message>
        <source>a saved probe&apos;s entry is not a probe</source>
        <translation>저장된 프로브 항목이 프로브가 아닙니다</translation>
    </message>
    <message>
        <source>the saved gradient-flow curves do not match their steps</source>
        <translation>저장된 기울기 흐름 곡선이 스텝과 맞지 않습니다</translation>
    </message>
    <message>
        <source>the saved probe of step {step} has arrays of the wrong shapes</source>
        <translation>스텝 {step}의 저장된 프로브의 배열 형상이 잘못되었습니다</translation>
    </message>
    <message>
        <source>the saved graph of step {step} has arrays of the wrong shapes</source>
        <translation>스텝 {step}의 저장된 그래프의 배열 형상이 잘못되었습니다</translation>
    </message>
</context>
<context>
    <name>process</name>
    <message>
        <source>The training process exited on its own (status {status}).</source>
        <translation>학습 프로세스가 스스로 종료되었습니다(상태 {status}).</translation>
    </message>
    <message>
        <source>signal {number}</source>
        <translation>신호 {number}</translation>
    </message>
    <message>
        <source>The training process was ended by {signal}, which usually means the system ran out of memory (or someone ended it).</source>
        <translation>학습 프로세스가 종료되었습니다({signal}). 보통 시스템 메모리가 부족했다는 뜻입니다(또는 누군가 종료했습니다).</translation>
    </message>
    <message>
        <source>The training process was ended by {signal}: it crashed (a fault in a native library).</source>
        <translation>학습 프로세스가 종료되었습니다({signal}): 네이티브 라이브러리의 오류로 비정상 종료했습니다.</translation>
    </message>
    <message>
        <source>The training process was ended by {signal}: something asked it to stop.</source>
        <translation>학습 프로세스가 종료되었습니다({signal}): 외부에서 종료를 요청했습니다.</translation>
    </message>
    <message>
        <source>The training process was ended by {signal}.</source>
        <translation>학습 프로세스가 종료되었습니다({signal}).</translation>
    </message>
</context>
<context>
    <name>record_codec</name>
    <message>
        <source>a saved probe names an array that is missing</source>
        <translation>저장된 프로브가 없는 배열을 가리킵니다</translation>
    </message>
    <message>
        <source>a saved probe&apos;s array lies outside the saved data</source>
        <translation>저장된 프로브의 배열이 저장된 데이터 범위를 벗어납니다</translation>
    </message>
    <message>
        <source>a saved probe nests too deeply</source>
        <translation>저장된 프로브가 너무 깊게 중첩되어 있습니다</translation>
    </message>
    <message>
        <source>a saved probe has an entry of an unknown kind</source>
        <translation>저장된 프로브에 알 수 없는 종류의 항목이 있습니다</translation>
    </message>
    <message>
        <source>a saved probe names an unknown record {name}</source>
        <translation>저장된 프로브가 알 수 없는 레코드 {name}을(를) 가리킵니다</translation>
    </message>
    <message>
        <source>a saved {name} has fields it does not know: {fields}</source>
        <translation>저장된 {name}에 알 수 없는 필드가 있습니다: {fields}</translation>
    </message>
    <message>
        <source>a saved {name} lacks some of its fields</source>
        <translation>저장된 {name}에 필드 일부가 없습니다</translation>
    </message>
    <message>
        <source>the saved probes&apos; index is not valid JSON</source>
        <translation>저장된 프로브 목록이 올바른 JSON이 아닙니다</translation>
    </message>
</context>
<context>
    <name>recovery</name>
    <message>
        <source>Autosave is off: cannot create {folder} ({reason})</source>
        <translation>자동 저장 꺼짐: {folder}을(를) 만들 수 없습니다 ({reason})</translation>
    </message>
    <message>
        <source>The previous run (step {step}) is kept in File &gt; Open recent</source>
        <translation>이전 실행(스텝 {step})은 파일 &gt; 최근 파일에 남겨 두었습니다</translation>
    </message>
    <message>
        <source>Autosaved at step {step}</source>
        <translation>스텝 {step}에서 자동 저장했습니다</translation>
    </message>
    <message>
        <source>Restore the unsaved run?</source>
        <translation>저장하지 않은 실행을 복원할까요?</translation>
    </message>
    <message>
        <source>rnnviz closed with a run at step {step} unsaved ({cell} on {corpus}, saved automatically {time}).

Restore it? (No keeps it under File &gt; Open recent.)</source>
        <translation>rnnviz가 스텝 {step}의 실행을 저장하지 않은 채 닫혔습니다 ({corpus}의 {cell}, {time}에 자동 저장).

복원할까요? (아니요를 누르면 파일 &gt; 최근 파일에 남겨 둡니다.)</translation>
    </message>
    <message>
        <source>The last autosave holds step {step}.</source>
        <translation>마지막 자동 저장은 스텝 {step}입니다.</translation>
    </message>
    <message>
        <source>No autosave was written yet: a new run starts from the form&apos;s settings.</source>
        <translation>아직 자동 저장한 것이 없습니다. 새 실행은 실험 설정 폼의 값으로 시작합니다.</translation>
    </message>
    <message>
        <source>Training stopped</source>
        <translation>학습이 멈췄습니다</translation>
    </message>
    <message>
        <source>{message}

{since} Start a new training process?</source>
        <translation>{message}

{since} 학습 프로세스를 새로 시작할까요?</translation>
    </message>
    <message>
        <source>(none yet)</source>
        <translation>(아직 없음)</translation>
    </message>
</context>
<context>
    <name>reference_curves</name>
    <message>
        <source>the book&apos;s code (seed {seed}; band: seeds 1–{seeds})</source>
        <translation>책의 코드 (시드 {seed}, 띠: 시드 1–{seeds})</translation>
    </message>
    <message>
        <source>the book&apos;s code</source>
        <translation>책의 코드</translation>
    </message>
    <message>
        <source>the book&apos;s code (its own seed)</source>
        <translation>책의 코드 (책의 시드)</translation>
    </message>
    <message>
        <source>the book&apos;s code (seed {seed})</source>
        <translation>책의 코드 (시드 {seed})</translation>
    </message>
</context>
<context>
    <name>rewind</name>
    <message>
        <source>none</source>
        <translation>없음</translation>
    </message>
    <message>
        <source>no rewind point at step {step} (kept: {kept})</source>
        <translation>스텝 {step}에는 되감을 지점이 없습니다(보관된 스텝: {kept})</translation>
    </message>
</context>
<context>
    <name>rewind_dialog</name>
    <message>
        <source>Training diverged</source>
        <translation>학습이 발산했습니다</translation>
    </message>
    <message>
        <source>Rewind</source>
        <translation>되감기</translation>
    </message>
    <message>
        <source>step {step} (fresh weights)</source>
        <translation>스텝 {step} (새 가중치)</translation>
    </message>
    <message>
        <source>step {step}</source>
        <translation>스텝 {step}</translation>
    </message>
    <message>
        <source>Go back to</source>
        <translation>돌아갈 스텝</translation>
    </message>
    <message>
        <source>then train at learning rate</source>
        <translation>이어서 학습할 학습률</translation>
    </message>
    <message>
        <source>Training after the rewind repeats the same batches, now at this rate.</source>
        <translation>되감은 뒤에는 같은 배치를 이 학습률로 다시 학습합니다.</translation>
    </message>
    <message>
        <source>Rewind and lower the rate</source>
        <translation>되감고 학습률 낮추기</translation>
    </message>
    <message>
        <source>Reset (start over)</source>
        <translation>초기화 (처음부터)</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>닫기</translation>
    </message>
    <message>
        <source>Nothing to rewind</source>
        <translation>되감을 것이 없습니다</translation>
    </message>
    <message>
        <source>Build a model first (Apply).</source>
        <translation>먼저 모델을 만드세요 (적용).</translation>
    </message>
</context>
<context>
    <name>run_configs</name>
    <message>
        <source>{title} needs PTB: choose the folder holding ptb.train.txt</source>
        <translation>{title}에는 PTB가 필요합니다. ptb.train.txt가 들어 있는 폴더를 선택하십시오</translation>
    </message>
    <message>
        <source>{title} needs {corpus}: choose that file</source>
        <translation>{title}에는 {corpus} 파일이 필요합니다. 그 파일을 선택하십시오</translation>
    </message>
</context>
<context>
    <name>run_folder</name>
    <message>
        <source>the disk is full</source>
        <translation>디스크가 가득 찼습니다</translation>
    </message>
    <message>
        <source>the disk quota is exceeded</source>
        <translation>디스크 할당량을 넘었습니다</translation>
    </message>
    <message>
        <source>the file system is read-only</source>
        <translation>읽기 전용 파일 시스템입니다</translation>
    </message>
    <message>
        <source>permission denied</source>
        <translation>권한이 없습니다</translation>
    </message>
    <message>
        <source>the file is too large</source>
        <translation>파일이 너무 큽니다</translation>
    </message>
    <message>
        <source>no such file or folder</source>
        <translation>그런 파일이나 폴더가 없습니다</translation>
    </message>
    <message>
        <source>a part of the path is not a folder</source>
        <translation>경로의 일부가 폴더가 아닙니다</translation>
    </message>
    <message>
        <source>it is a folder</source>
        <translation>폴더입니다</translation>
    </message>
    <message>
        <source>cannot write {path}: {reason}</source>
        <translation>{path} 파일을 쓸 수 없습니다: {reason}</translation>
    </message>
    <message>
        <source>cannot create {path}: {reason}</source>
        <translation>{path} 폴더를 만들 수 없습니다: {reason}</translation>
    </message>
    <message>
        <source>{path}: 9,999 runs of that name already; pass --out</source>
        <translation>{path}: 같은 이름의 학습이 이미 9,999개 있습니다. --out을 지정하세요</translation>
    </message>
    <message>
        <source>--out {path}: is a file, not a folder</source>
        <translation>--out {path}: 폴더가 아니라 파일입니다</translation>
    </message>
    <message>
        <source>{path} already holds a run; pass --force to replace it or {hint} to continue it</source>
        <translation>{path}에 이미 학습 결과가 있습니다. 덮어쓰려면 --force를, 이어서 학습하려면 {hint}를 지정하세요</translation>
    </message>
    <message>
        <source>cannot replace {path}: {reason}</source>
        <translation>기존 {path} 파일을 지울 수 없습니다: {reason}</translation>
    </message>
    <message>
        <source>cannot write into {path}: {reason}</source>
        <translation>{path} 폴더에 쓸 수 없습니다: {reason}</translation>
    </message>
    <message>
        <source>cannot read {path}: {reason}</source>
        <translation>{path} 파일을 읽을 수 없습니다: {reason}</translation>
    </message>
</context>
<context>
    <name>sample_console</name>
    <message>
        <source>the model&apos;s top choices:</source>
        <translation>모델의 상위 후보:</translation>
    </message>
    <message>
        <source>prefix</source>
        <translation>시작 문자열</translation>
    </message>
    <message>
        <source>length</source>
        <translation>길이</translation>
    </message>
    <message>
        <source>temperature</source>
        <translation>온도</translation>
    </message>
    <message>
        <source>top-k</source>
        <translation>top-k</translation>
    </message>
    <message>
        <source>seed</source>
        <translation>시드</translation>
    </message>
    <message>
        <source>below 1: safer, more repetitive; above 1: more surprising</source>
        <translation>1보다 작으면 무난하지만 반복이 많아지고, 1보다 크면 뜻밖의 토큰이 많아집니다</translation>
    </message>
    <message>
        <source>all</source>
        <translation>전체</translation>
    </message>
    <message>
        <source>draw only from the k likeliest tokens (all: no limit)</source>
        <translation>확률이 가장 높은 k개 토큰에서만 뽑습니다 (전체: 제한 없음)</translation>
    </message>
    <message>
        <source>greedy</source>
        <translation>결정적 선택</translation>
    </message>
    <message>
        <source>always take the likeliest token (temperature and top-k ignored)</source>
        <translation>언제나 확률이 가장 높은 토큰을 고릅니다 (온도와 top-k는 무시)</translation>
    </message>
    <message>
        <source>random</source>
        <translation>무작위</translation>
    </message>
    <message>
        <source>stop at &lt;eos&gt;</source>
        <translation>&lt;eos&gt;에서 멈춤</translation>
    </message>
    <message>
        <source>Generate</source>
        <translation>생성</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>정지</translation>
    </message>
    <message>
        <source>Type a prefix and press Enter or Generate: the model writes from its current weights, even in the middle of training.</source>
        <translation>시작 문자열을 입력하고 Enter 키나 [생성]을 누르면 모델이 현재 가중치로 글을 씁니다. 학습 도중에도 쓸 수 있습니다.</translation>
    </message>
    <message>
        <source>This vocabulary has no &lt;eos&gt;: the model never ends a sentence, so it writes the whole length.</source>
        <translation>이 어휘에는 &lt;eos&gt;가 없습니다: 모델이 문장을 끝내지 않으므로 길이만큼 모두 씁니다.</translation>
    </message>
    <message>
        <source>End the sample when the model writes &lt;eos&gt;, the end of a sentence (off: &lt;eos&gt; is a line break and it writes on).</source>
        <translation>모델이 문장의 끝인 &lt;eos&gt;를 쓰면 샘플을 끝냅니다 (끄면: &lt;eos&gt;는 줄바꿈이 되고 계속 씁니다).</translation>
    </message>
    <message>
        <source>prefix to start from</source>
        <translation>시작 문자열</translation>
    </message>
    <message>
        <source>The model reads this text first, then writes on.</source>
        <translation>모델은 이 텍스트를 먼저 읽은 다음 이어서 씁니다.</translation>
    </message>
    <message>
        <source>prefix to start from (empty: a new sentence, after &lt;eos&gt;)</source>
        <translation>시작 문자열 (비우면 &lt;eos&gt; 다음의 새 문장)</translation>
    </message>
    <message>
        <source>The model reads this text first, then writes on. Left empty, it reads &lt;eos&gt;, the end of a sentence, and starts a new one.</source>
        <translation>모델은 이 텍스트를 먼저 읽은 다음 이어서 씁니다. 비워 두면 문장의 끝을 뜻하는 &lt;eos&gt;를 읽고 새 문장을 시작합니다.</translation>
    </message>
    <message>
        <source>type a prefix (this vocabulary has no &lt;eos&gt; to start after)</source>
        <translation>시작 문자열을 입력하세요 (이 어휘에는 시작점이 될 &lt;eos&gt;가 없습니다)</translation>
    </message>
    <message>
        <source>The model reads this text first, then writes on. It needs at least one token: without an &lt;eos&gt; in the vocabulary there is no &apos;start of a text&apos; to read.</source>
        <translation>모델은 이 텍스트를 먼저 읽은 다음 이어서 씁니다. 토큰이 적어도 하나 필요합니다. 어휘에 &lt;eos&gt;가 없으면 읽을 &apos;텍스트의 시작&apos;이 없기 때문입니다.</translation>
    </message>
    <message>
        <source>generating…</source>
        <translation>생성 중…</translation>
    </message>
    <message>
        <source>stopped after {n} tokens</source>
        <translation>토큰 {n}개를 생성하고 멈췄습니다</translation>
    </message>
    <message>
        <source>temperature {temperature}, top-k {k}</source>
        <translation>온도 {temperature}, top-k {k}</translation>
    </message>
    <message>
        <source>random seed</source>
        <translation>무작위 시드</translation>
    </message>
    <message>
        <source>seed {seed}</source>
        <translation>시드 {seed}</translation>
    </message>
    <message>
        <source>{n} tokens from the model at step {step} ({how}, {seed})</source>
        <translation>스텝 {step}의 모델이 생성한 토큰 {n}개 ({how}, {seed})</translation>
    </message>
    <message>
        <source>stopped at &lt;eos&gt;: token {n} of at most {length}</source>
        <translation>&lt;eos&gt;에서 멈춤: 최대 {length}개 중 {n}번째 토큰</translation>
    </message>
</context>
<context>
    <name>sampling</name>
    <message>
        <source>the vocabulary has {count} tokens but the model was built for {size}</source>
        <translation>어휘의 토큰은 {count}개인데 모델은 어휘 수 {size}로 만들어졌습니다</translation>
    </message>
    <message>
        <source>length must be an integer from 0 to {most}, got {value}</source>
        <translation>length 값은 0부터 {most}까지의 정수여야 합니다(입력값: {value})</translation>
    </message>
    <message>
        <source>temperature must be a positive finite number, got {value}</source>
        <translation>온도(temperature)는 유한한 양수여야 합니다(입력값: {value})</translation>
    </message>
    <message>
        <source>top_k must be a non-negative integer (0 keeps every token), got {value}</source>
        <translation>top_k 값은 음이 아닌 정수여야 합니다(0이면 모든 토큰을 씁니다. 입력값: {value})</translation>
    </message>
    <message>
        <source>give a prefix of at least one token (this vocabulary has no &lt;eos&gt; to start a new sentence from)</source>
        <translation>토큰이 하나 이상인 시작 문자열을 주세요(이 어휘에는 새 문장을 시작할 &lt;eos&gt;가 없습니다)</translation>
    </message>
    <message>
        <source>skip_ids removes all {count} tokens; nothing is left to generate</source>
        <translation>skip_ids가 토큰 {count}개를 모두 제외해 생성할 토큰이 남지 않습니다</translation>
    </message>
    <message>
        <source>seed must be an integer, a numpy Generator or None, got {value}</source>
        <translation>seed 값은 정수, NumPy Generator 또는 None이어야 합니다(입력값: {value})</translation>
    </message>
    <message>
        <source>seed {value} cannot seed a random generator: {error}</source>
        <translation>시드 {value}(으)로 난수 생성기를 초기화할 수 없습니다: {error}</translation>
    </message>
    <message>
        <source>{tokens} and {count} more</source>
        <translation>{tokens} 외 {count}개</translation>
    </message>
    <message>
        <source>the prefix has {count} token(s) not in the vocabulary, which has no &lt;unk&gt;: {tokens}</source>
        <translation>시작 문자열에 어휘에 없는 토큰이 {count}개 있는데, 이 어휘에는 &lt;unk&gt;가 없습니다: {tokens}</translation>
    </message>
    <message>
        <source>prefix must be text (str) or a sequence of token ids, not bytes</source>
        <translation>시작 문자열(prefix)은 텍스트(str)나 토큰 ID 시퀀스여야 합니다. bytes는 쓸 수 없습니다</translation>
    </message>
    <message>
        <source>{name} must be a sequence of token ids, got {type}</source>
        <translation>{name}은(는) 토큰 ID 시퀀스여야 합니다(실제: {type})</translation>
    </message>
    <message>
        <source>{name} must hold integer token ids, got {value}</source>
        <translation>{name}에는 정수 토큰 ID만 들어가야 합니다(값: {value})</translation>
    </message>
    <message>
        <source>{name} has id {id}, out of range for a vocabulary of {size} (0..{last})</source>
        <translation>{name}의 ID {id}은(는) 어휘 수 {size}의 범위(0..{last})를 벗어납니다</translation>
    </message>
    <message>
        <source>the model&apos;s scores are not finite (NaN or inf): training has diverged; lower the learning rate or reset the model</source>
        <translation>모델의 점수가 유한하지 않습니다(NaN 또는 inf). 학습이 발산했으니 학습률을 낮추거나 모델을 초기화하세요</translation>
    </message>
</context>
<context>
    <name>scrubbing</name>
    <message>
        <source>Timeline</source>
        <translation>타임라인</translation>
    </message>
</context>
<context>
    <name>seq2seq</name>
    <message>
        <source>no model yet: choose a task</source>
        <translation>아직 모델이 없습니다: 과제를 고르세요</translation>
    </message>
    <message>
        <source>test example {example} does not exist (there are {count})</source>
        <translation>테스트 예제 {example}번은 없습니다(모두 {count}개)</translation>
    </message>
</context>
<context>
    <name>seq2seq_ask</name>
    <message>
        <source>Type a sum such as 12+34, then press Enter</source>
        <translation>12+34 같은 덧셈을 입력하고 Enter를 누르세요</translation>
    </message>
    <message>
        <source>Type a date such as 9/27/94 or march 4, 1999, then press Enter</source>
        <translation>9/27/94나 march 4, 1999 같은 날짜를 입력하고 Enter를 누르세요</translation>
    </message>
    <message>
        <source>Type a question such as {example}, then press Enter</source>
        <translation>{example} 같은 질문을 입력하고 Enter를 누르세요</translation>
    </message>
    <message>
        <source>Decode</source>
        <translation>디코딩</translation>
    </message>
    <message>
        <source>Unroll in graph</source>
        <translation>그래프로 펼치기</translation>
    </message>
    <message>
        <source>Show this question and its answer unrolled in the Unrolled graph panel: every node&apos;s size and gradient, encoder then decoder</source>
        <translation>이 질문과 답을 &apos;펼친 계산 그래프&apos; 패널에 펼쳐 보여 줍니다. Encoder에서 Decoder까지 모든 노드의 크기와 기울기를 볼 수 있습니다.</translation>
    </message>
    <message>
        <source>test example {n}:</source>
        <translation>테스트 예 {n}:</translation>
    </message>
    <message>
        <source>(blank)</source>
        <translation>(빈 답)</translation>
    </message>
    <message>
        <source>(the true answer is not known for this question)</source>
        <translation>(이 질문의 정답은 알 수 없습니다)</translation>
    </message>
    <message>
        <source>right</source>
        <translation>맞음</translation>
    </message>
    <message>
        <source>wrong</source>
        <translation>틀림</translation>
    </message>
    <message>
        <source>true answer</source>
        <translation>정답</translation>
    </message>
    <message>
        <source>→ model:</source>
        <translation>→ 모델:</translation>
    </message>
</context>
<context>
    <name>seq2seq_checkpoint</name>
    <message>
        <source>cannot save {path}</source>
        <translation>{path}을(를) 저장할 수 없습니다</translation>
    </message>
    <message>
        <source>{name}: {reason}</source>
        <translation>{name}: {reason}</translation>
    </message>
    <message>
        <source>{name}: state entries must be just &apos;order&apos;, got {entries}</source>
        <translation>{name}: state 항목은 &apos;order&apos; 하나뿐이어야 합니다(실제: {entries})</translation>
    </message>
    <message>
        <source>none</source>
        <translation>없음</translation>
    </message>
    <message>
        <source>{name}: state/order has shape {shape} and dtype {dtype}, expected ({size},) int64 (data.train_size)</source>
        <translation>{name}: state/order의 형상은 {shape}, dtype은 {dtype}입니다. ({size},) int64(data.train_size)여야 합니다</translation>
    </message>
    <message>
        <source>{where}: meta.json &apos;rng&apos; must hold just the &apos;order&apos; stream</source>
        <translation>{where}: meta.json &apos;rng&apos;에는 &apos;order&apos; 스트림 하나만 있어야 합니다</translation>
    </message>
    <message>
        <source>{where}: RNG &apos;order&apos; must be {{&quot;kind&quot;: &quot;{kind}&quot;, &quot;state&quot;: ...}} (seq2seq_config.stream is {stream})</source>
        <translation>{where}: RNG &apos;order&apos;는 {{&quot;kind&quot;: &quot;{kind}&quot;, &quot;state&quot;: ...}} 형식이어야 합니다(seq2seq_config.stream은 {stream})</translation>
    </message>
    <message>
        <source>{where}: meta.json &apos;data&apos; must have the keys {keys}</source>
        <translation>{where}: meta.json &apos;data&apos;에는 {keys} 키가 있어야 합니다</translation>
    </message>
    <message>
        <source>{where}: data.{key} must be a non-empty string, got {value}</source>
        <translation>{where}: data.{key}은(는) 비어 있지 않은 문자열이어야 합니다(값: {value})</translation>
    </message>
    <message>
        <source>{where}: data.{key} must be an integer in [{lo}, {hi}], got {value}</source>
        <translation>{where}: data.{key}은(는) [{lo}, {hi}] 범위의 정수여야 합니다(값: {value})</translation>
    </message>
    <message>
        <source>{where}: data.n ({n}) is not train_size + test_size ({train} + {test})</source>
        <translation>{where}: data.n({n})이 train_size + test_size({train} + {test})와 다릅니다</translation>
    </message>
    <message>
        <source>{where}: state/order is not a permutation of the {size} training pairs</source>
        <translation>{where}: state/order가 학습 쌍 {size}개의 순열이 아닙니다</translation>
    </message>
    <message>
        <source>the same {count} characters in another order</source>
        <translation>같은 문자 {count}개가 순서만 다름</translation>
    </message>
    <message>
        <source>{count} characters, the checkpoint&apos;s {saved}</source>
        <translation>문자 {count}개, 체크포인트는 {saved}개</translation>
    </message>
    <message>
        <source>{name}: its vocabulary differs from the checkpoint&apos;s ({how}); resume with the data the run was trained on ({source}, seed {seed})</source>
        <translation>{name}: 어휘가 체크포인트와 다릅니다({how}). 학습에 쓴 데이터({source}, 시드 {seed})로 이어서 학습하세요</translation>
    </message>
    <message>
        <source>{name}: {train} training and {test} test pairs of widths {question} and {answer}, but the checkpoint&apos;s run had {saved_train} and {saved_test} of widths {saved_question} and {saved_answer}; resume with the data the run was trained on</source>
        <translation>{name}: 학습 쌍 {train}개와 테스트 쌍 {test}개(너비 {question}, {answer})인데, 체크포인트의 학습에서는 {saved_train}개와 {saved_test}개(너비 {saved_question}, {saved_answer})였습니다. 학습에 쓴 데이터로 이어서 학습하세요</translation>
    </message>
</context>
<context>
    <name>seq2seq_controls</name>
    <message>
        <source>Addition (generated)</source>
        <translation>덧셈 (생성)</translation>
    </message>
    <message>
        <source>Dates (generated)</source>
        <translation>날짜 (생성)</translation>
    </message>
    <message>
        <source>Open pairs file...</source>
        <translation>쌍 파일 열기...</translation>
    </message>
    <message>
        <source>plain</source>
        <translation>기본</translation>
    </message>
    <message>
        <source>peeky</source>
        <translation>엿보기</translation>
    </message>
    <message>
        <source>attention</source>
        <translation>어텐션</translation>
    </message>
    <message>
        <source>reversed input</source>
        <translation>입력 반전</translation>
    </message>
    <message>
        <source>Addition: &apos;57+608&apos; -&gt; &apos;665&apos;. Dates: &apos;september 27, 1994&apos; -&gt; &apos;1994-09-27&apos;. Or open a file in the book&apos;s format (question_answer).</source>
        <translation>덧셈: &apos;57+608&apos; -&gt; &apos;665&apos;. 날짜: &apos;september 27, 1994&apos; -&gt; &apos;1994-09-27&apos;. 책의 형식(질문_답)으로 된 파일을 열 수도 있습니다.</translation>
    </message>
    <message>
        <source>Reverse input</source>
        <translation>입력 반전 (Reverse)</translation>
    </message>
    <message>
        <source>Feed the question to the encoder right to left (ch.7.5.1)</source>
        <translation>질문을 오른쪽에서 왼쪽으로 Encoder에 넣습니다 (7.5.1절)</translation>
    </message>
    <message>
        <source>Peeky</source>
        <translation>엿보기 (Peeky)</translation>
    </message>
    <message>
        <source>Hand the encoder&apos;s summary h to every decoder step (ch.7.5.2)</source>
        <translation>Encoder가 요약한 h를 Decoder의 모든 시각에 넘깁니다 (7.5.2절)</translation>
    </message>
    <message>
        <source>Attention</source>
        <translation>어텐션</translation>
    </message>
    <message>
        <source>Let every decoder step look at all encoder states (ch.8)</source>
        <translation>Decoder의 각 시각이 Encoder의 모든 은닉 상태를 보게 합니다 (8장)</translation>
    </message>
    <message>
        <source>H, the size of the encoder&apos;s and decoder&apos;s hidden state</source>
        <translation>H: Encoder와 Decoder의 은닉 상태 크기</translation>
    </message>
    <message>
        <source>book</source>
        <translation>책</translation>
    </message>
    <message>
        <source>book: the weights and the order of the examples come from the book&apos;s random stream, so the run replays the book&apos;s script number for number.
A number: a run of its own, the same every time for that number.</source>
        <translation>책: 가중치와 예제 순서를 책과 같은 난수열에서 가져오므로, 책의 코드를 숫자 하나까지 그대로 재현합니다.
숫자: 그 숫자만의 학습이 되며, 같은 숫자라면 매번 똑같이 진행됩니다.</translation>
    </message>
    <message>
        <source>Step epoch</source>
        <translation>한 에폭</translation>
    </message>
    <message>
        <source>Train to the end of this epoch, measure accuracy, then pause</source>
        <translation>이번 에폭 끝까지 학습하고 정확도를 잰 뒤 멈춥니다</translation>
    </message>
    <message>
        <source>Reset</source>
        <translation>초기화</translation>
    </message>
    <message>
        <source>Start again from step 0 with the same settings (and the same weights)</source>
        <translation>같은 설정(과 같은 가중치)으로 스텝 0부터 다시 시작합니다</translation>
    </message>
    <message>
        <source>Task</source>
        <translation>과제</translation>
    </message>
    <message>
        <source>Cell</source>
        <translation>셀</translation>
    </message>
    <message>
        <source>Hidden size</source>
        <translation>은닉 상태 크기</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>시드</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>일시정지</translation>
    </message>
    <message>
        <source>Play</source>
        <translation>재생</translation>
    </message>
    <message>
        <source>{name} (file)</source>
        <translation>{name} (파일)</translation>
    </message>
    <message>
        <source>Open a question/answer pairs file</source>
        <translation>질문/답 쌍 파일 열기</translation>
    </message>
    <message>
        <source>Text files (*.txt);;All files (*)</source>
        <translation>텍스트 파일 (*.txt);;모든 파일 (*)</translation>
    </message>
</context>
<context>
    <name>seq2seq_curves</name>
    <message>
        <source>test accuracy (%)</source>
        <translation>테스트 정확도 (%)</translation>
    </message>
    <message>
        <source>Book&apos;s curve</source>
        <translation>책의 곡선</translation>
    </message>
    <message>
        <source>The test accuracy the book&apos;s own code (Deep Learning from Scratch 2) reached with this variant, drawn faint behind this run</source>
        <translation>책의 코드(밑바닥부터 시작하는 딥러닝 2)가 이 모델로 얻은 테스트 정확도를 이 학습 뒤에 흐리게 그립니다</translation>
    </message>
    <message>
        <source>epoch</source>
        <translation>에폭</translation>
    </message>
    <message>
        <source>loss</source>
        <translation>손실</translation>
    </message>
    <message>
        <source>whole answer right</source>
        <translation>답 전체 정답</translation>
    </message>
    <message>
        <source>loss (each step)</source>
        <translation>손실 (스텝마다)</translation>
    </message>
    <message>
        <source>loss (smoothed)</source>
        <translation>손실 (평활화)</translation>
    </message>
    <message>
        <source>position {n}</source>
        <translation>자리 {n}</translation>
    </message>
    <message>
        <source>whole answer</source>
        <translation>답 전체</translation>
    </message>
    <message>
        <source>position</source>
        <translation>자리</translation>
    </message>
    <message>
        <source>epoch {epoch}: whole answer {accuracy} %</source>
        <translation>에폭 {epoch}: 답 전체 {accuracy}%</translation>
    </message>
    <message>
        <source>by position (%):</source>
        <translation>자리별 (%):</translation>
    </message>
    <message>
        <source>question</source>
        <translation>질문</translation>
    </message>
    <message>
        <source>answer</source>
        <translation>정답</translation>
    </message>
    <message>
        <source>model</source>
        <translation>모델</translation>
    </message>
    <message>
        <source>seq2seq curves: bad shape entry</source>
        <translation>seq2seq 곡선: shape 항목이 잘못되었습니다</translation>
    </message>
    <message>
        <source>seq2seq curves: the columns differ in length</source>
        <translation>seq2seq 곡선: 열의 길이가 서로 다릅니다</translation>
    </message>
</context>
<context>
    <name>seq2seq_decode</name>
    <message>
        <source>Type a question above, or click a test example: the decoder writes its answer one character per step, feeding each back in. The bars are its top candidates at each step.</source>
        <translation>위에 질문을 입력하거나 테스트 예를 클릭하세요. Decoder는 시각마다 문자 하나씩 답을 쓰고, 쓴 문자를 다시 입력으로 넣습니다. 막대는 각 시각의 상위 후보입니다.</translation>
    </message>
    <message>
        <source>step {n}</source>
        <translation>시각 {n}</translation>
    </message>
    <message>
        <source>step {n} wrote &apos;{token}&apos;</source>
        <translation>시각 {n}: &apos;{token}&apos; 출력</translation>
    </message>
    <message>
        <source>question character (as written)</source>
        <translation>질문 문자 (쓴 순서대로)</translation>
    </message>
    <message>
        <source>output</source>
        <translation>출력</translation>
    </message>
    <message>
        <source>step {n} wrote &apos;{token}&apos;
looking at &apos;{question}&apos; (column {column}): {weight}</source>
        <translation>시각 {n}: &apos;{token}&apos; 출력
&apos;{question}&apos;(열 {column})에 주목: {weight}</translation>
    </message>
</context>
<context>
    <name>seq2seq_lab</name>
    <message>
        <source>Plain: the whole question is squeezed into one vector h, which only starts the decoder.</source>
        <translation>기본: 질문 전체를 벡터 h 하나에 담고, 이 h는 Decoder를 시작할 때만 쓰입니다.</translation>
    </message>
    <message>
        <source>Peeky: h also enters every decoder step, so the decoder keeps seeing the question.</source>
        <translation>엿보기 (Peeky): h가 Decoder의 모든 시각에도 들어가므로 Decoder가 질문을 계속 봅니다.</translation>
    </message>
    <message>
        <source>Attention: every step looks back at all the encoder&apos;s states (the map on the right): no one-vector bottleneck.</source>
        <translation>어텐션: 각 시각이 Encoder의 모든 은닉 상태를 돌아봅니다 (오른쪽 맵). 벡터 하나에 모두 담는 병목이 없습니다.</translation>
    </message>
    <message>
        <source>Reversed: the question&apos;s first characters are read last, just before the answer begins: a shorter path.</source>
        <translation>입력 반전 (Reverse): 질문의 첫 문자를 답이 시작되기 직전, 맨 마지막에 읽으므로 경로가 짧아집니다.</translation>
    </message>
    <message>
        <source>Tick Reverse input for the book&apos;s first trick.</source>
        <translation>책의 첫 번째 개선 기법을 보려면 &apos;입력 반전 (Reverse)&apos;에 체크하세요.</translation>
    </message>
    <message>
        <source>Seq2seq lab</source>
        <translation>Seq2seq 실험실</translation>
    </message>
    <message>
        <source>Whole lab</source>
        <translation>실험실 전체</translation>
    </message>
    <message>
        <source>Accuracy curves</source>
        <translation>정확도 곡선</translation>
    </message>
    <message>
        <source>Decode steps</source>
        <translation>디코딩 과정</translation>
    </message>
    <message>
        <source>Attention map</source>
        <translation>어텐션 맵</translation>
    </message>
    <message>
        <source>Rebuild the model?</source>
        <translation>모델을 다시 만들까요?</translation>
    </message>
    <message>
        <source>Discard {steps} steps of training?

The model starts again from random weights, and its curves are cleared (File &gt; Save seq2seq run... keeps them).</source>
        <translation>학습한 {steps} 스텝을 버릴까요?

모델은 무작위 가중치에서 다시 시작하고 곡선도 지워집니다 (파일 &gt; Seq2seq 실행 저장...으로 남겨 둘 수 있습니다).</translation>
    </message>
    <message>
        <source>building {variant} …</source>
        <translation>{variant} 만드는 중…</translation>
    </message>
    <message>
        <source>Reset the model?</source>
        <translation>모델을 초기화할까요?</translation>
    </message>
    <message>
        <source>Unrolling needs the true answer: pick a test example from the list, or type a question whose answer can be worked out</source>
        <translation>펼치려면 정답이 필요합니다. 목록에서 테스트 예를 고르거나, 정답을 계산할 수 있는 질문을 입력하세요.</translation>
    </message>
    <message>
        <source>Open a seq2seq run?</source>
        <translation>Seq2seq 실행을 열까요?</translation>
    </message>
    <message>
        <source>Saved the seq2seq run {path} (step {step})</source>
        <translation>Seq2seq 실행을 {path}에 저장했습니다 (스텝 {step})</translation>
    </message>
    <message>
        <source>Could not build the model: {message}</source>
        <translation>모델을 만들 수 없습니다: {message}</translation>
    </message>
    <message>
        <source>{message} A new one builds the model again.</source>
        <translation>{message} 새 프로세스에서 모델을 다시 만듭니다.</translation>
    </message>
    <message>
        <source>Opened the seq2seq run {path} at step {step}</source>
        <translation>Seq2seq 실행 {path}을(를) 스텝 {step}에서 열었습니다</translation>
    </message>
    <message>
        <source>the book&apos;s random stream</source>
        <translation>책과 같은 난수열</translation>
    </message>
    <message>
        <source>seed {seed}</source>
        <translation>시드 {seed}</translation>
    </message>
    <message>
        <source>addition</source>
        <translation>덧셈</translation>
    </message>
    <message>
        <source>dates</source>
        <translation>날짜</translation>
    </message>
    <message>
        <source>{data}: {pairs} training pairs</source>
        <translation>{data}: 학습 쌍 {pairs}개</translation>
    </message>
    <message>
        <source>step {step}</source>
        <translation>스텝 {step}</translation>
    </message>
    <message>
        <source>epoch {epoch} of {epochs}</source>
        <translation>에폭 {epoch} / {epochs}</translation>
    </message>
    <message>
        <source>loss {loss}</source>
        <translation>손실 {loss}</translation>
    </message>
    <message>
        <source>{rate} steps/s</source>
        <translation>{rate} 스텝/초</translation>
    </message>
    <message>
        <source>test accuracy &lt;b&gt;{accuracy} %&lt;/b&gt;</source>
        <translation>테스트 정확도 &lt;b&gt;{accuracy}%&lt;/b&gt;</translation>
    </message>
    <message>
        <source>training</source>
        <translation>학습 중</translation>
    </message>
    <message>
        <source>planned epochs done: Play continues</source>
        <translation>계획한 에폭 완료: 재생하면 계속합니다</translation>
    </message>
    <message>
        <source>paused</source>
        <translation>일시정지</translation>
    </message>
    <message>
        <source>diverged</source>
        <translation>발산</translation>
    </message>
</context>
<context>
    <name>seq2seq_session</name>
    <message>
        <source>model vocab_size {size} != the data&apos;s {count} characters</source>
        <translation>모델의 vocab_size {size}이(가) 데이터의 문자 수 {count}와 다릅니다</translation>
    </message>
    <message>
        <source>{name}: {count} training pairs, fewer than one batch of {batch}</source>
        <translation>{name}: 학습 쌍이 {count}개로, 배치 하나({batch}개)보다 적습니다</translation>
    </message>
    <message>
        <source>evaluation stopped after {done} of {total} questions</source>
        <translation>질문 {total}개 중 {done}개를 평가하고 멈췄습니다</translation>
    </message>
    <message>
        <source>test example {number}: {question} → {answer}</source>
        <translation>테스트 예제 {number}: {question} → {answer}</translation>
    </message>
    <message>
        <source>your question: {question} → {answer}</source>
        <translation>입력한 질문: {question} → {answer}</translation>
    </message>
</context>
<context>
    <name>spectrum_link</name>
    <message>
        <source>Scale W_h</source>
        <translation>W_h 배율 적용</translation>
    </message>
    <message>
        <source>Multiply every W_h of the model by {scale} at step {step}?

Training goes on from the scaled weights; Run &gt; Rewind... to step {step} puts the weights of before back.</source>
        <translation>스텝 {step}에서 모델의 모든 W_h에 {scale}을 곱할까요?

학습은 바뀐 가중치로 이어집니다. 실행 &gt; 되감기...로 스텝 {step}에 돌아가면 이전 가중치로 되돌아갑니다.</translation>
    </message>
</context>
<context>
    <name>stepper</name>
    <message>
        <source>forward</source>
        <translation>순전파</translation>
    </message>
    <message>
        <source>backward</source>
        <translation>역전파</translation>
    </message>
    <message>
        <source>clip</source>
        <translation>클리핑</translation>
    </message>
    <message>
        <source>update</source>
        <translation>갱신</translation>
    </message>
    <message>
        <source>idle</source>
        <translation>대기</translation>
    </message>
    <message>
        <source>forwarded</source>
        <translation>순전파 완료</translation>
    </message>
    <message>
        <source>backwarded</source>
        <translation>역전파 완료</translation>
    </message>
    <message>
        <source>clipped</source>
        <translation>클리핑 완료</translation>
    </message>
    <message>
        <source>updated</source>
        <translation>갱신 완료</translation>
    </message>
    <message>
        <source>{first} or {second}</source>
        <translation>{first} 또는 {second}</translation>
    </message>
    <message>
        <source>cannot {kind} now: the block is at &apos;{phase}&apos;, next is {allowed}</source>
        <translation>지금은 {kind} 단계를 할 수 없습니다. 블록은 &apos;{phase}&apos; 단계이며, 다음 단계는 {allowed}입니다.</translation>
    </message>
</context>
<context>
    <name>tbptt_map</name>
    <message>
        <source>current block</source>
        <translation>현재 블록</translation>
    </message>
    <message>
        <source>previous block</source>
        <translation>이전 블록</translation>
    </message>
    <message>
        <source>read this epoch (h carried through it)</source>
        <translation>이번 에폭에 읽은 부분 (h가 이어짐)</translation>
    </message>
    <message>
        <source>h carried (no gradient)</source>
        <translation>이어받은 h (기울기 없음)</translation>
    </message>
    <message>
        <source>stream {row} (graph panel)</source>
        <translation>스트림 {row} (그래프 패널)</translation>
    </message>
    <message>
        <source>stream {i}</source>
        <translation>스트림 {i}</translation>
    </message>
    <message>
        <source>streams {i}, {j}</source>
        <translation>스트림 {i}, {j}</translation>
    </message>
    <message>
        <source>streams {first}–{last}</source>
        <translation>스트림 {first}–{last}</translation>
    </message>
    <message>
        <source>{n} tokens</source>
        <translation>토큰 {n}개</translation>
    </message>
    <message>
        <source>row {row}: corpus offsets {first} to {last} (where stream {row} started)</source>
        <translation>행 {row}: 말뭉치 위치 {first} ~ {last} (스트림 {row}의 시작 위치)</translation>
    </message>
    <message>
        <source>stream {i}: current block {first} to {last}, previous from {previous}</source>
        <translation>스트림 {i}: 현재 블록 {first} ~ {last}, 이전 블록은 {previous}부터</translation>
    </message>
    <message>
        <source>stream {i}: current block {first} to {last}</source>
        <translation>스트림 {i}: 현재 블록 {first} ~ {last}</translation>
    </message>
    <message>
        <source>block {block} of {blocks} in epoch {epoch}</source>
        <translation>에폭 {epoch}의 블록 {block} / {blocks}</translation>
    </message>
    <message>
        <source>block {block} (N × T exceeds the corpus: the streams overlap)</source>
        <translation>블록 {block} (N × T가 말뭉치보다 커서 스트림이 겹칩니다)</translation>
    </message>
    <message>
        <source>{where}; each step every stream advances T = {T} tokens; streams start jump = {jump} tokens apart</source>
        <translation>{where}. 스텝마다 모든 스트림이 T = {T}개 토큰씩 나아가며, 스트림의 시작점은 jump = {jump}개 토큰씩 떨어져 있습니다</translation>
    </message>
    <message>
        <source>Graph panel: stream {row}, block {block}: </source>
        <translation>그래프 패널: 스트림 {row}, 블록 {block}: </translation>
    </message>
</context>
<context>
    <name>text_lens</name>
    <message>
        <source>Validation split</source>
        <translation>검증 데이터</translation>
    </message>
    <message>
        <source>Pasted text</source>
        <translation>붙여 넣은 텍스트</translation>
    </message>
    <message>
        <source>The text to read: the corpus&apos;s held-out split (its first 2,000 tokens), or a text pasted below</source>
        <translation>읽을 텍스트: 말뭉치의 검증 데이터(처음 2,000개 토큰) 또는 아래에 붙여 넣은 텍스트</translation>
    </message>
    <message>
        <source>Read</source>
        <translation>읽기</translation>
    </message>
    <message>
        <source>Run the model as it is now over the text</source>
        <translation>지금의 모델로 텍스트를 읽습니다</translation>
    </message>
    <message>
        <source>Open file…</source>
        <translation>파일 열기…</translation>
    </message>
    <message>
        <source>Read the first 2,000 tokens of a text file</source>
        <translation>텍스트 파일의 처음 2,000개 토큰을 읽습니다</translation>
    </message>
    <message>
        <source>Skip unknown tokens</source>
        <translation>모르는 토큰 건너뛰기</translation>
    </message>
    <message>
        <source>Leave out tokens the model&apos;s vocabulary does not have (a vocabulary with &lt;unk&gt; reads them as &lt;unk&gt;)</source>
        <translation>모델의 어휘에 없는 토큰을 빼고 읽습니다(&lt;unk&gt;가 있는 어휘는 &lt;unk&gt;로 읽습니다)</translation>
    </message>
    <message>
        <source>Compare with checkpoint…</source>
        <translation>체크포인트와 비교…</translation>
    </message>
    <message>
        <source>Read the same text with a saved checkpoint of this corpus and tint each token by how much easier it got</source>
        <translation>이 말뭉치의 저장된 체크포인트로 같은 텍스트를 읽고, 각 토큰이 얼마나 쉬워졌는지로 색칠합니다</translation>
    </message>
    <message>
        <source>surprisal</source>
        <translation>놀람도</translation>
    </message>
    <message>
        <source>connectivity</source>
        <translation>연결성</translation>
    </message>
    <message>
        <source>change</source>
        <translation>변화</translation>
    </message>
    <message>
        <source>What the text is tinted by: each token&apos;s surprisal, the clicked token&apos;s connectivity, or the change from a checkpoint</source>
        <translation>텍스트를 색칠하는 기준: 각 토큰의 놀람도, 클릭한 토큰의 연결성, 또는 체크포인트 대비 변화</translation>
    </message>
    <message>
        <source>Paste a text here, then press Read</source>
        <translation>여기에 텍스트를 붙여 넣고 [읽기]를 누르세요</translation>
    </message>
    <message>
        <source>token</source>
        <translation>토큰</translation>
    </message>
    <message>
        <source>perplexity</source>
        <translation>퍼플렉서티</translation>
    </message>
    <message>
        <source>distance back (tokens)</source>
        <translation>거리 (앞쪽으로 토큰 수)</translation>
    </message>
    <message>
        <source>‖∂ log p / ∂x‖ (log)</source>
        <translation>‖∂ log p / ∂x‖ (로그)</translation>
    </message>
    <message>
        <source>Reading…</source>
        <translation>읽는 중…</translation>
    </message>
    <message>
        <source>running perplexity</source>
        <translation>누적 퍼플렉서티</translation>
    </message>
    <message>
        <source>connectivity of {token} (token {t})</source>
        <translation>{token}의 연결성 (토큰 {t})</translation>
    </message>
    <message>
        <source>click a token for its connectivity</source>
        <translation>토큰을 클릭하면 연결성이 보입니다</translation>
    </message>
    <message>
        <source>1 % at {d}</source>
        <translation>1 %: 거리 {d}</translation>
    </message>
    <message>
        <source>easier</source>
        <translation>쉬워짐</translation>
    </message>
    <message>
        <source>harder</source>
        <translation>어려워짐</translation>
    </message>
    <message>
        <source>largest</source>
        <translation>최대</translation>
    </message>
    <message>
        <source>ln V = {value} nats</source>
        <translation>ln V = {value} 나트</translation>
    </message>
    <message>
        <source>Bring this view to the front or press Read: it reads the validation split with the model as it is then.</source>
        <translation>이 보기를 앞으로 가져오거나 [읽기]를 누르세요: 그때의 모델로 검증 데이터를 읽습니다.</translation>
    </message>
</context>
<context>
    <name>textfile</name>
    <message>
        <source>a directory</source>
        <translation>디렉터리</translation>
    </message>
    <message>
        <source>a FIFO (named pipe)</source>
        <translation>FIFO(이름 있는 파이프)</translation>
    </message>
    <message>
        <source>a character device</source>
        <translation>문자 장치</translation>
    </message>
    <message>
        <source>a block device</source>
        <translation>블록 장치</translation>
    </message>
    <message>
        <source>a socket</source>
        <translation>소켓</translation>
    </message>
    <message>
        <source>UTF-32 text (little-endian)</source>
        <translation>UTF-32 텍스트(리틀 엔디언)</translation>
    </message>
    <message>
        <source>UTF-32 text (big-endian)</source>
        <translation>UTF-32 텍스트(빅 엔디언)</translation>
    </message>
    <message>
        <source>UTF-16 text (little-endian)</source>
        <translation>UTF-16 텍스트(리틀 엔디언)</translation>
    </message>
    <message>
        <source>UTF-16 text (big-endian)</source>
        <translation>UTF-16 텍스트(빅 엔디언)</translation>
    </message>
    <message>
        <source>not a regular file</source>
        <translation>알 수 없는 종류의 파일</translation>
    </message>
    <message>
        <source>{name}: is {what}, not a regular file; give a UTF-8 text file</source>
        <translation>{name}: 일반 파일이 아니라 {what}입니다. UTF-8 텍스트 파일을 지정하세요</translation>
    </message>
    <message>
        <source>{name}: is a symbolic link loop; point it at a text file</source>
        <translation>{name}: 심볼릭 링크가 순환합니다. 텍스트 파일을 가리키게 하세요</translation>
    </message>
    <message>
        <source>{name}: is a symbolic link to a missing file ({target})</source>
        <translation>{name}: 없는 파일({target})을 가리키는 심볼릭 링크입니다</translation>
    </message>
    <message>
        <source>{name}: no such file</source>
        <translation>{name}: 파일이 없습니다</translation>
    </message>
    <message>
        <source>{name}: cannot read (permission denied); check the file&apos;s permissions</source>
        <translation>{name}: 읽을 수 없습니다(권한 없음). 파일 권한을 확인하세요</translation>
    </message>
    <message>
        <source>{name}: cannot read ({error})</source>
        <translation>{name}: 읽을 수 없습니다({error})</translation>
    </message>
    <message>
        <source>{name}: binary file (NUL byte at offset {offset}); give a UTF-8 text file</source>
        <translation>{name}: 바이너리 파일입니다(오프셋 {offset}에 NUL 바이트). UTF-8 텍스트 파일을 지정하세요</translation>
    </message>
    <message>
        <source>{name}: only whitespace; give a file with some text in it</source>
        <translation>{name}: 공백뿐입니다. 텍스트가 들어 있는 파일을 지정하세요</translation>
    </message>
    <message>
        <source>{name}: empty file; give a UTF-8 text file with some text in it</source>
        <translation>{name}: 빈 파일입니다. 텍스트가 들어 있는 UTF-8 텍스트 파일을 지정하세요</translation>
    </message>
    <message>
        <source>{name}: is {what} with a byte-order mark; save it as UTF-8</source>
        <translation>{name}: 바이트 순서 표시(BOM)가 있는 {what}입니다. UTF-8로 저장하세요</translation>
    </message>
    <message>
        <source>{name}: is UTF-16 text (little-endian, no byte-order mark); save it as UTF-8</source>
        <translation>{name}: UTF-16 텍스트입니다(리틀 엔디언, 바이트 순서 표시 없음). UTF-8로 저장하세요</translation>
    </message>
    <message>
        <source>{name}: is UTF-16 text (big-endian, no byte-order mark); save it as UTF-8</source>
        <translation>{name}: UTF-16 텍스트입니다(빅 엔디언, 바이트 순서 표시 없음). UTF-8로 저장하세요</translation>
    </message>
    <message>
        <source>{name}: not UTF-8 text (invalid byte {byte} at offset {offset}); save it as UTF-8</source>
        <translation>{name}: UTF-8 텍스트가 아닙니다(오프셋 {offset}에 잘못된 바이트 {byte}). UTF-8로 저장하세요</translation>
    </message>
</context>
<context>
    <name>timeline</name>
    <message>
        <source>Timeline</source>
        <translation>타임라인</translation>
    </message>
    <message>
        <source>Live</source>
        <translation>실시간</translation>
    </message>
    <message>
        <source>Back to the training as it goes</source>
        <translation>지금 진행 중인 학습으로 돌아갑니다</translation>
    </message>
    <message>
        <source>Drag back to see the probe views (hidden states, next token, gradient flow, unrolled graph, gates) as they were at an earlier step; training goes on meanwhile</source>
        <translation>뒤로 끌면 프로브 뷰(은닉 상태, 다음 토큰, 기울기 흐름, 펼친 계산 그래프, 게이트)를 이전 스텝의 모습으로 봅니다. 그동안 학습은 계속됩니다</translation>
    </message>
    <message>
        <source>live · step {step}</source>
        <translation>실시간 · 스텝 {step}</translation>
    </message>
    <message>
        <source>viewing step {step} of {latest}</source>
        <translation>스텝 {latest} 중 {step} 보는 중</translation>
    </message>
</context>
<context>
    <name>tokens</name>
    <message>
        <source>level must be &apos;char&apos; or &apos;word&apos;, got {level}</source>
        <translation>level 값은 &apos;char&apos; 또는 &apos;word&apos;여야 합니다(입력값: {level})</translation>
    </message>
    <message>
        <source>{name}: token {token} is not in the vocabulary, which has no &lt;unk&gt;</source>
        <translation>{name}: 토큰 {token}이(가) 어휘에 없는데, 이 어휘에는 &lt;unk&gt;가 없습니다</translation>
    </message>
    <message>
        <source>token {token} is not in the vocabulary, which has no &lt;unk&gt;</source>
        <translation>토큰 {token}이(가) 어휘에 없는데, 이 어휘에는 &lt;unk&gt;가 없습니다</translation>
    </message>
</context>
<context>
    <name>tour</name>
    <message>
        <source>Well done. On to the next step...</source>
        <translation>잘했습니다. 다음 단계로 넘어갑니다...</translation>
    </message>
    <message>
        <source>{tour} · step {n} of {m}</source>
        <translation>{tour} · {n}/{m}단계</translation>
    </message>
    <message>
        <source>Waiting for you to do this...</source>
        <translation>직접 해 보기를 기다리는 중...</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>이전</translation>
    </message>
    <message>
        <source>Finish</source>
        <translation>마치기</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>다음</translation>
    </message>
    <message>
        <source>Close tour</source>
        <translation>투어 닫기</translation>
    </message>
</context>
<context>
    <name>trainer</name>
    <message>
        <source>evaluation data has {count} tokens; at least 3 are needed</source>
        <translation>평가 데이터의 토큰이 {count}개입니다. 최소 3개가 필요합니다</translation>
    </message>
    <message>
        <source>model vocab_size {size} != corpus vocabulary {count}</source>
        <translation>모델의 vocab_size {size}이(가) 말뭉치의 어휘 수 {count}와 다릅니다</translation>
    </message>
    <message>
        <source>{name}: its vocabulary differs from the checkpoint&apos;s; resume with the corpus the run was trained on</source>
        <translation>{name}: 어휘가 체크포인트와 다릅니다. 학습에 쓴 말뭉치로 이어서 학습하세요</translation>
    </message>
    <message>
        <source>{name} has no valid data to evaluate</source>
        <translation>{name}에는 평가할 검증 데이터가 없습니다</translation>
    </message>
    <message>
        <source>{name} has no test data to evaluate</source>
        <translation>{name}에는 평가할 테스트 데이터가 없습니다</translation>
    </message>
    <message>
        <source>{name} has no {split} data to evaluate</source>
        <translation>{name}에는 평가할 {split} 데이터가 없습니다</translation>
    </message>
    <message>
        <source>no state kept to rewind to</source>
        <translation>되감을 상태가 보관되어 있지 않습니다</translation>
    </message>
    <message>
        <source>W_h&apos;s scale must be a positive finite number, got {value}</source>
        <translation>W_h의 배율은 양의 유한한 수여야 합니다. 받은 값: {value}</translation>
    </message>
    <message>
        <source>a block is being stepped by hand: finish it (Update) before scaling W_h</source>
        <translation>블록을 한 단계씩 진행하는 중입니다. W_h에 배율을 적용하기 전에 마치세요(Update)</translation>
    </message>
    <message>
        <source>learning rate must be a positive finite number, got {value}</source>
        <translation>학습률은 유한한 양수여야 합니다(입력값: {value})</translation>
    </message>
    <message>
        <source>clip threshold must be &gt;= 0, got {value}</source>
        <translation>클리핑 문턱값은 0 이상이어야 합니다(입력값: {value})</translation>
    </message>
</context>
<context>
    <name>training</name>
    <message>
        <source>Lower the learning rate (now {lr}, try {suggested}) or enable gradient clipping; Reset starts over.</source>
        <translation>학습률을 낮추거나(현재 {lr}, 권장 {suggested}) 기울기 클리핑을 켜세요. 초기화하면 처음부터 다시 시작합니다.</translation>
    </message>
    <message>
        <source>Lower the learning rate (now {lr}, try {suggested}) or the clipping threshold (now {clip}); Reset starts over.</source>
        <translation>학습률(현재 {lr}, 권장 {suggested})이나 클리핑 문턱값(현재 {clip})을 낮추세요. 초기화하면 처음부터 다시 시작합니다.</translation>
    </message>
    <message>
        <source>Rewind to step {step} and lower the learning rate (now {lr}, try {suggested}) or enable gradient clipping; Reset starts over.</source>
        <translation>스텝 {step}(으)로 되감은 뒤 학습률을 낮추거나(현재 {lr}, 권장 {suggested}) 기울기 클리핑을 켜세요. 초기화하면 처음부터 다시 시작합니다.</translation>
    </message>
    <message>
        <source>Rewind to step {step} and lower the learning rate (now {lr}, try {suggested}) or the clipping threshold (now {clip}); Reset starts over.</source>
        <translation>스텝 {step}(으)로 되감은 뒤 학습률(현재 {lr}, 권장 {suggested})이나 클리핑 문턱값(현재 {clip})을 낮추세요. 초기화하면 처음부터 다시 시작합니다.</translation>
    </message>
    <message>
        <source>training diverged at step {step}: loss {loss} (a uniform guess scores {uniform}), gradient norm {norm} (first bad gradient: {parameter}); the step was not applied. {advice}</source>
        <translation>스텝 {step}에서 학습이 발산했습니다: 손실 {loss}(균등 분포로 추측하면 {uniform}), 기울기 노름 {norm}(처음 잘못된 기울기: {parameter}). 이 스텝은 적용하지 않았습니다. {advice}</translation>
    </message>
    <message>
        <source>training diverged at step {step}: loss {loss} (a uniform guess scores {uniform}), gradient norm {norm}; the step was not applied. {advice}</source>
        <translation>스텝 {step}에서 학습이 발산했습니다: 손실 {loss}(균등 분포로 추측하면 {uniform}), 기울기 노름 {norm}. 이 스텝은 적용하지 않았습니다. {advice}</translation>
    </message>
</context>
<context>
    <name>unrolled_graph</name>
    <message>
        <source>Forward 1 step</source>
        <translation>순전파 1스텝</translation>
    </message>
    <message>
        <source>Advance one time step of one recurrent layer. The first click also looks up the embedding for all T; the last runs Time Affine + softmax + loss for all T at once.</source>
        <translation>순환 계층 하나를 한 시각만큼 진행합니다. 첫 클릭에서는 모든 T의 임베딩도 찾아 오고, 마지막 클릭에서는 모든 T에 대해 Time Affine + Softmax + 손실을 한꺼번에 계산합니다.</translation>
    </message>
    <message>
        <source>Forward to end</source>
        <translation>순전파 끝까지</translation>
    </message>
    <message>
        <source>Finish the forward pass of this block: every layer, every time step, then the loss.</source>
        <translation>이 블록의 순전파를 끝까지 진행합니다: 모든 계층의 모든 시각, 그다음 손실.</translation>
    </message>
    <message>
        <source>Backward 1 step</source>
        <translation>역전파 1스텝</translation>
    </message>
    <message>
        <source>Send the gradient back one time step of one layer (right to left, top layer first). The first click runs softmax-with-loss and Time Affine backward for all T.</source>
        <translation>한 계층에서 기울기를 한 시각만큼 거꾸로 보냅니다(오른쪽에서 왼쪽으로, 맨 위 계층부터). 첫 클릭에서는 모든 T에 대해 Softmax-with-Loss와 Time Affine의 역전파를 계산합니다.</translation>
    </message>
    <message>
        <source>Backward to end</source>
        <translation>역전파 끝까지</translation>
    </message>
    <message>
        <source>Finish the backward pass: every layer back to t = 1, then the embedding.</source>
        <translation>역전파를 끝까지 진행합니다: 모든 계층을 t = 1까지, 그다음 임베딩.</translation>
    </message>
    <message>
        <source>Clip</source>
        <translation>클리핑</translation>
    </message>
    <message>
        <source>Scale all gradients down if their global norm exceeds the clipping threshold.</source>
        <translation>전체 기울기의 노름이 클리핑 문턱값을 넘으면 모든 기울기를 비율에 맞춰 줄입니다.</translation>
    </message>
    <message>
        <source>Update</source>
        <translation>갱신</translation>
    </message>
    <message>
        <source>Let the optimizer move the weights by these gradients; the next Forward starts the next block.</source>
        <translation>옵티마이저가 이 기울기로 가중치를 갱신합니다. 다음 순전파는 다음 블록에서 시작합니다.</translation>
    </message>
    <message>
        <source>FORWARD</source>
        <translation>순전파</translation>
    </message>
    <message>
        <source>BACKWARD</source>
        <translation>역전파</translation>
    </message>
    <message>
        <source>CLIP</source>
        <translation>클리핑</translation>
    </message>
    <message>
        <source>UPDATE</source>
        <translation>갱신</translation>
    </message>
    <message>
        <source>TRAINED STEP</source>
        <translation>학습된 스텝</translation>
    </message>
    <message>
        <source>SEQ2SEQ</source>
        <translation>SEQ2SEQ</translation>
    </message>
    <message>
        <source>MANY-TO-ONE</source>
        <translation>다대일</translation>
    </message>
    <message>
        <source>lab step {n}</source>
        <translation>실험실 스텝 {n}</translation>
    </message>
    <message>
        <source>loss {loss}</source>
        <translation>손실 {loss}</translation>
    </message>
    <message>
        <source>Classifier, one text: forward over all {T} tokens, backward over the last {k} only; weights unchanged</source>
        <translation>분류기, 텍스트 하나: 토큰 {T}개 모두 순전파, 역전파는 마지막 {k}개만, 가중치는 그대로</translation>
    </message>
    <message>
        <source>Classifier, one text: forward and backward over all {T} tokens; weights unchanged</source>
        <translation>분류기, 텍스트 하나: 토큰 {T}개 모두 순전파와 역전파, 가중치는 그대로</translation>
    </message>
    <message>
        <source>Seq2seq, {example}: one forward and backward pass, weights unchanged</source>
        <translation>Seq2seq, {example}: 순전파와 역전파를 한 번씩, 가중치는 그대로</translation>
    </message>
    <message>
        <source>layer {layer}, t = {t} of {T}</source>
        <translation>계층 {layer}, t = {t} / {T}</translation>
    </message>
    <message>
        <source>step {n}</source>
        <translation>스텝 {n}</translation>
    </message>
    <message>
        <source>lr {lr}</source>
        <translation>학습률 {lr}</translation>
    </message>
    <message>
        <source>Step {n} as trained: this block&apos;s forward values and gradients; weights updated since</source>
        <translation>학습된 스텝 {n}: 이 블록의 순전파 값과 기울기이며, 그 뒤 가중치는 갱신되었습니다</translation>
    </message>
    <message>
        <source>After forward — loss {loss}: Time Affine, softmax and loss ran on all {T} columns at once (no gradients yet)</source>
        <translation>순전파 후 — 손실 {loss}: Time Affine, Softmax, 손실을 {T}개 열 모두에서 한꺼번에 계산했습니다 (아직 기울기 없음)</translation>
    </message>
    <message>
        <source>After forward — {where} (gradients not computed yet)</source>
        <translation>순전파 후 — {where} (기울기는 아직 계산 전)</translation>
    </message>
    <message>
        <source>New block — nothing computed yet: Forward 1 step looks up the embedding and runs t = 1</source>
        <translation>새 블록 — 아직 계산한 것이 없습니다: 순전파 1스텝을 누르면 임베딩을 찾고 t = 1을 계산합니다</translation>
    </message>
    <message>
        <source>After backward — every gradient of the block is in (not clipped yet)</source>
        <translation>역전파 후 — 블록의 기울기를 모두 구했습니다 (아직 클리핑 전)</translation>
    </message>
    <message>
        <source>Backward — {where} … (gradients fill right to left)</source>
        <translation>역전파 — {where} … (기울기가 오른쪽에서 왼쪽으로 채워짐)</translation>
    </message>
    <message>
        <source>Backward — loss, softmax and Time Affine for all T at once; the layers fill right to left next</source>
        <translation>역전파 — 손실, Softmax, Time Affine을 모든 T에서 한꺼번에 계산했습니다. 다음은 계층을 오른쪽에서 왼쪽으로 채웁니다</translation>
    </message>
    <message>
        <source>Clipping off — global norm {norm}; gradients unchanged</source>
        <translation>클리핑 꺼짐 — 전체 노름 {norm}, 기울기 그대로</translation>
    </message>
    <message>
        <source>After clip — global norm {norm} &gt; {clip}, gradients × {scale}</source>
        <translation>클리핑 후 — 전체 노름 {norm} &gt; {clip}, 기울기 × {scale}</translation>
    </message>
    <message>
        <source>After clip — global norm {norm} ≤ {clip}; gradients unchanged</source>
        <translation>클리핑 후 — 전체 노름 {norm} ≤ {clip}, 기울기 그대로</translation>
    </message>
    <message>
        <source>After the update (step {n}): weights moved; values and gradients are this block&apos;s</source>
        <translation>갱신 후 (스텝 {n}): 가중치가 바뀌었습니다. 값과 기울기는 이 블록의 것입니다</translation>
    </message>
    <message>
        <source>largest ‖Δθ‖ {name} {norm}</source>
        <translation>가장 큰 ‖Δθ‖ {name} {norm}</translation>
    </message>
    <message>
        <source>Zoom out (ctrl+wheel, or the − key)</source>
        <translation>축소 (ctrl+휠 또는 − 키)</translation>
    </message>
    <message>
        <source>Zoom in (ctrl+wheel, or the + key)</source>
        <translation>확대 (ctrl+휠 또는 + 키)</translation>
    </message>
    <message>
        <source>Fit</source>
        <translation>맞춤</translation>
    </message>
    <message>
        <source>Fit the whole block into the view</source>
        <translation>블록 전체를 화면에 맞춥니다</translation>
    </message>
</context>
<context>
    <name>vocab_file</name>
    <message>
        <source>{path}: {size} bytes is too large for a vocabulary (at most 256 MiB)</source>
        <translation>{path}: {size}바이트는 어휘 파일로 너무 큽니다(최대 256 MiB)</translation>
    </message>
    <message>
        <source>{path}: not UTF-8 text (byte {offset})</source>
        <translation>{path}: UTF-8 텍스트가 아닙니다({offset}번째 바이트)</translation>
    </message>
    <message>
        <source>{path}: line 1 should read &apos;#rnnviz vocab level=char normalize=false&apos; (or word, true)</source>
        <translation>{path}: 첫 줄은 &apos;#rnnviz vocab level=char normalize=false&apos;(또는 word, true) 형식이어야 합니다</translation>
    </message>
    <message>
        <source>{path}: line {line} is empty (write a space as \s, a newline as \n)</source>
        <translation>{path}: {line}번째 줄이 비어 있습니다(공백은 \s, 줄바꿈은 \n으로 쓰세요)</translation>
    </message>
    <message>
        <source>{path}: a vocabulary needs at least two tokens, found {count}</source>
        <translation>{path}: 어휘에는 토큰이 두 개 이상 있어야 하는데 {count}개입니다</translation>
    </message>
    <message>
        <source>{path}: level must be char or word, got {level}</source>
        <translation>{path}: 단위는 char 또는 word여야 하는데 {level}입니다</translation>
    </message>
    <message>
        <source>{path}: {reason}</source>
        <translation>{path}: {reason}</translation>
    </message>
    <message>
        <source>the run names no corpus to train on (its weights were imported without one): import them in the window with File &gt; Import weights, or again with --corpus</source>
        <translation>이 실행에는 학습할 말뭉치가 지정되어 있지 않습니다(가중치를 말뭉치 없이 가져왔습니다). 창에서 파일 &gt; 가중치 가져오기로 가져오거나 --corpus를 주어 다시 가져오세요</translation>
    </message>
    <message>
        <source>{name}: the model&apos;s vocabulary is {level}-level with normalize {normalize}; load the text the same way</source>
        <translation>{name}: 모델의 어휘는 {level} 단위, normalize {normalize}입니다. 텍스트도 같은 방식으로 읽으세요</translation>
    </message>
    <message>
        <source>{name} has the token {token}, which the model&apos;s vocabulary lacks (and it has no &lt;unk&gt;)</source>
        <translation>{name}에 모델의 어휘에 없는 토큰 {token}이(가) 있습니다(어휘에 &lt;unk&gt;도 없습니다)</translation>
    </message>
</context>
<context>
    <name>weights</name>
    <message>
        <source>Reading weights {name}</source>
        <translation>가중치 {name} 읽는 중</translation>
    </message>
    <message>
        <source>Loading corpus {name}</source>
        <translation>말뭉치 {name} 불러오는 중</translation>
    </message>
    <message>
        <source>Exporting weights</source>
        <translation>가중치 내보내는 중</translation>
    </message>
    <message>
        <source>Exported the weights at step {step} to {path} and {vocab}</source>
        <translation>{step}단계의 가중치를 {path}와(과) {vocab}(으)로 내보냈습니다</translation>
    </message>
</context>
<context>
    <name>weights_actions</name>
    <message>
        <source>safetensors weights (*.safetensors);;All files (*)</source>
        <translation>safetensors 가중치 (*.safetensors);;모든 파일 (*)</translation>
    </message>
    <message>
        <source>Import weights</source>
        <translation>가중치 가져오기</translation>
    </message>
    <message>
        <source>Vocabulary of {name} (one token per line)</source>
        <translation>{name}의 어휘(한 줄에 토큰 하나)</translation>
    </message>
    <message>
        <source>Vocabularies (*.txt);;All files (*)</source>
        <translation>어휘 파일 (*.txt);;모든 파일 (*)</translation>
    </message>
    <message>
        <source>Could not import the weights</source>
        <translation>가중치를 가져올 수 없습니다</translation>
    </message>
    <message>
        <source>Nothing to export</source>
        <translation>내보낼 것이 없습니다</translation>
    </message>
    <message>
        <source>Build a model first (Apply).</source>
        <translation>먼저 모델을 만드세요 (적용).</translation>
    </message>
    <message>
        <source>Export weights</source>
        <translation>가중치 내보내기</translation>
    </message>
    <message>
        <source>Imported {name}: {cell}, {layers} layer(s), H = {hidden}; it trains on {corpus}</source>
        <translation>{name}을(를) 가져왔습니다: {cell}, {layers}층, H = {hidden}. {corpus}(으)로 학습합니다</translation>
    </message>
</context>
<context>
    <name>weights_io</name>
    <message>
        <source>cannot export {path}</source>
        <translation>{path}을(를) 내보낼 수 없습니다</translation>
    </message>
    <message>
        <source>{where}: the vocabulary has {count} tokens, the model {size}</source>
        <translation>{where}: 어휘는 토큰 {count}개인데 모델은 {size}개입니다</translation>
    </message>
    <message>
        <source>{where}: {reason}</source>
        <translation>{where}: {reason}</translation>
    </message>
    <message>
        <source>{path}: not a readable safetensors file ({reason})</source>
        <translation>{path}: 읽을 수 있는 safetensors 파일이 아닙니다({reason})</translation>
    </message>
    <message>
        <source>{path}: {reason}</source>
        <translation>{path}: {reason}</translation>
    </message>
    <message>
        <source>{path}: its vocabulary: {reason}</source>
        <translation>{path}: 어휘 파일: {reason}</translation>
    </message>
    <message>
        <source>{path}: the model has {size} tokens&apos; rows, the vocabulary {count} tokens</source>
        <translation>{path}: 모델에는 토큰 {size}개의 행이 있는데 어휘는 토큰 {count}개입니다</translation>
    </message>
    <message>
        <source>{path}: more than one recurrent module ({modules}); rnnviz runs one stack</source>
        <translation>{path}: 순환 모듈이 둘 이상입니다({modules}). rnnviz는 하나의 스택만 실행합니다</translation>
    </message>
    <message>
        <source>{path}: two tensors have the same role ({names})</source>
        <translation>{path}: 두 텐서가 같은 역할을 합니다({names})</translation>
    </message>
    <message>
        <source>{path}: {key} is {dtype}; rnnviz reads F16, F32 or F64 (in PyTorch: model.float())</source>
        <translation>{path}: {key}의 자료형이 {dtype}입니다. rnnviz는 F16, F32, F64를 읽습니다(PyTorch에서는 model.float())</translation>
    </message>
    <message>
        <source>tie_weights must be true or false, got {value}</source>
        <translation>tie_weights는 true 또는 false여야 하는데 {value}입니다</translation>
    </message>
    <message>
        <source>{path}: no metadata, and no recurrent weight_hh_l0 of shape (G*H, H) with G = 1, 3 or 4 to infer the model from</source>
        <translation>{path}: 메타데이터가 없고, 모델을 추론할 형상 (G*H, H)(G = 1, 3, 4)의 순환 weight_hh_l0도 없습니다</translation>
    </message>
    <message>
        <source>one-hot input</source>
        <translation>원핫 입력</translation>
    </message>
    <message>
        <source>tied</source>
        <translation>가중치 공유</translation>
    </message>
    <message>
        <source>untied</source>
        <translation>가중치 공유 없음</translation>
    </message>
    <message>
        <source>No rnnviz metadata: read from the shapes as {cell}, {layers} layer(s), H = {hidden}, {input}, V = {vocab}, {decoder}</source>
        <translation>rnnviz 메타데이터 없음: 형상으로부터 {cell}, {layers}층, H = {hidden}, {input}, V = {vocab}, {decoder}(으)로 읽었습니다</translation>
    </message>
    <message>
        <source>{key} is missing</source>
        <translation>{key}이(가) 없습니다</translation>
    </message>
    <message>
        <source>{key}: the file has {found}, the model needs {wanted}</source>
        <translation>{key}: 파일에는 {found}, 모델에는 {wanted}이(가) 필요합니다</translation>
    </message>
    <message>
        <source>unexpected {names}</source>
        <translation>예상하지 못한 항목 {names}</translation>
    </message>
    <message>
        <source>{path}: does not fit a {cell} of {layers} layer(s), H = {hidden}: {problems}</source>
        <translation>{path}: {layers}층, H = {hidden}인 {cell}에 맞지 않습니다: {problems}</translation>
    </message>
    <message>
        <source>{where}: {names} hold NaN or infinity</source>
        <translation>{where}: {names}에 NaN 또는 무한대가 있습니다</translation>
    </message>
</context>
<context>
    <name>wh_spectrum</name>
    <message>
        <source>This model</source>
        <translation>이 모델</translation>
    </message>
    <message>
        <source>The book&apos;s experiment (ch06)</source>
        <translation>책의 실험 (6장)</translation>
    </message>
    <message>
        <source>Apply s to the model…</source>
        <translation>모델에 s 적용…</translation>
    </message>
    <message>
        <source>Gradient</source>
        <translation>기울기</translation>
    </message>
    <message>
        <source>Spectrum</source>
        <translation>스펙트럼</translation>
    </message>
    <message>
        <source>‖∂L_T/∂hₜ‖ over t and its growth against s·σ_max</source>
        <translation>시각 t에 따른 ‖∂L_T/∂hₜ‖와 s·σ_max에 따른 그 증가</translation>
    </message>
    <message>
        <source>singular values and eigenvalues of each W_h</source>
        <translation>각 W_h의 특잇값과 고윳값</translation>
    </message>
    <message>
        <source>Multiply every W_h of the training model by s (Run &gt; Rewind undoes it)</source>
        <translation>학습 중인 모델의 모든 W_h에 s를 곱합니다 (실행 &gt; 되감기로 되돌릴 수 있습니다)</translation>
    </message>
    <message>
        <source>s multiplies every W_h (log scale, 0.1 to 3; it snaps to 0.5 and 1, the book&apos;s two figures)</source>
        <translation>s는 모든 W_h에 곱해집니다 (로그 눈금, 0.1~3; 책의 두 그림인 0.5와 1에 맞춰집니다)</translation>
    </message>
    <message>
        <source>index</source>
        <translation>순서</translation>
    </message>
    <message>
        <source>singular value σ</source>
        <translation>특잇값 σ</translation>
    </message>
    <message>
        <source>real part</source>
        <translation>실수부</translation>
    </message>
    <message>
        <source>imaginary part</source>
        <translation>허수부</translation>
    </message>
    <message>
        <source>s·σ_max</source>
        <translation>s·σ_max</translation>
    </message>
    <message>
        <source>growth (log)</source>
        <translation>증가율 (로그)</translation>
    </message>
    <message>
        <source>growth going back vs s·σ_max</source>
        <translation>거꾸로 갈 때의 증가율 대 s·σ_max</translation>
    </message>
    <message>
        <source>eigenvalues (filled: times s)</source>
        <translation>고윳값 (채운 점: s를 곱한 값)</translation>
    </message>
    <message>
        <source>the book&apos;s W_h</source>
        <translation>책의 W_h</translation>
    </message>
    <message>
        <source>W_h × s</source>
        <translation>W_h × s</translation>
    </message>
    <message>
        <source>layer {k}</source>
        <translation>계층 {k}</translation>
    </message>
    <message>
        <source>the book, W_h × {s}</source>
        <translation>책, W_h × {s}</translation>
    </message>
    <message>
        <source>s = {s} · s·σ_max = {value}</source>
        <translation>s = {s} · s·σ_max = {value}</translation>
    </message>
    <message>
        <source>s = {s}</source>
        <translation>s = {s}</translation>
    </message>
    <message>
        <source>singular values (dashed: σ = 1/s)</source>
        <translation>특잇값 (점선: σ = 1/s)</translation>
    </message>
    <message>
        <source>the book&apos;s ch06: W_h × {s}</source>
        <translation>책의 6장: W_h × {s}</translation>
    </message>
    <message>
        <source>time step (steps back)</source>
        <translation>시각 (거슬러 간 수)</translation>
    </message>
    <message>
        <source>norm (log)</source>
        <translation>노름 (로그)</translation>
    </message>
    <message>
        <source>The book&apos;s experiment: dh = dh·W_hᵀ repeated T = 20 times, no tanh, from dh = ones (N = 2, H = 3), W_h = randn(3, 3) after np.random.seed(3).</source>
        <translation>책의 실험: dh = ones (N = 2, H = 3)에서 시작해 tanh 없이 dh = dh·W_hᵀ를 T = 20번 반복합니다. W_h = randn(3, 3), np.random.seed(3) 다음에 뽑습니다.</translation>
    </message>
    <message>
        <source>s = {s}, step {step}</source>
        <translation>s = {s}, 스텝 {step}</translation>
    </message>
    <message>
        <source>time step t in the window</source>
        <translation>구간 안의 시각 t</translation>
    </message>
    <message>
        <source>‖∂L_T/∂hₜ‖ (log)</source>
        <translation>‖∂L_T/∂hₜ‖ (로그)</translation>
    </message>
    <message>
        <source>Measured on a copy of the model, every W_h times s: the loss at the last time step of the first training window ({rows} rows) sent back through the window, as the book sends dh back.</source>
        <translation>모든 W_h에 s를 곱한 모델의 사본으로 잰 값입니다. 첫 학습 구간({rows}행)의 마지막 시각의 손실을 구간 전체로 역전파합니다. 책이 dh를 거꾸로 보내는 것과 같습니다.</translation>
    </message>
    <message>
        <source>The gradient overflows past t = {t}: only the finite part is drawn.</source>
        <translation>기울기가 t = {t}에서 넘칩니다(오버플로). 유한한 부분만 그립니다.</translation>
    </message>
</context>
<context>
    <name>worker_events</name>
    <message>
        <source>Could not build the model</source>
        <translation>모델을 만들 수 없습니다</translation>
    </message>
    <message>
        <source>Could not open the checkpoint</source>
        <translation>체크포인트를 열 수 없습니다</translation>
    </message>
    <message>
        <source>Could not save the checkpoint</source>
        <translation>체크포인트를 저장할 수 없습니다</translation>
    </message>
    <message>
        <source>Could not reset</source>
        <translation>초기화할 수 없습니다</translation>
    </message>
    <message>
        <source>Could not evaluate</source>
        <translation>평가할 수 없습니다</translation>
    </message>
    <message>
        <source>Could not scale W_h</source>
        <translation>W_h에 배율을 적용하지 못했습니다</translation>
    </message>
    <message>
        <source>Could not import the weights</source>
        <translation>가중치를 가져올 수 없습니다</translation>
    </message>
    <message>
        <source>Could not export the weights</source>
        <translation>가중치를 내보낼 수 없습니다</translation>
    </message>
    <message>
        <source>Could not check the gradients</source>
        <translation>기울기를 검사하지 못했습니다</translation>
    </message>
    <message>
        <source>Training error</source>
        <translation>학습 오류</translation>
    </message>
    <message>
        <source>Saved {path} (step {step})</source>
        <translation>{path} 저장 (스텝 {step})</translation>
    </message>
    <message>
        <source>Rewound to step {step}; training goes on at learning rate {lr}</source>
        <translation>스텝 {step}(으)로 되감았습니다. 학습률 {lr}로 학습을 이어 갑니다</translation>
    </message>
    <message>
        <source>Restored the unsaved run at step {step}</source>
        <translation>저장하지 않은 실행을 스텝 {step}에서 복원했습니다</translation>
    </message>
    <message>
        <source>Opened {path} at step {step}</source>
        <translation>{path}을(를) 스텝 {step}에서 열었습니다</translation>
    </message>
</context>
</TS>
