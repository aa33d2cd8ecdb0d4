// The lesson's equations in TeX, per step (ui/panels/lesson_steps.go has
// the steps' words and numbers). \slot{name} marks a live number: the UI
// fills it with the current model's value for the selected sample.
// Numbers in parentheses are the paper's equation numbers.
export const equations = {
  input: [
    String.raw`x = [\,x_1, \dots, x_f\,],\quad f = \slot{f}\ \text{fields in}\ M = \slot{M}\ \text{general domains}`,
  ],
  embedding: [
    String.raw`e_i = W_i[x_i] \in \mathbb{R}^{k},\quad k = \slot{k}`,
    String.raw`e_i = \frac{1}{|x_i|}\sum_{v \in x_i} W_i[v]\ \text{(mean)}\quad\text{or}\quad e_i = \sum_{v \in x_i} W_i[v]\ \text{(sum)}\quad\text{for a multi-valued field}`,
    String.raw`e_{i,1..3} = (\slot{e1},\ \slot{e2},\ \slot{e3},\ \dots)`,
  ],
  threshold: [
    String.raw`z_i = \frac{1}{k}\sum_{t=1}^{k} |e_{i,t}| = \slot{z} \qquad (1)`,
    String.raw`a_i = \sigma\big(W_4\,\mathrm{ReLU}(W_3\, z)\big)_i = \slot{a} \qquad (2)`,
    String.raw`\lambda_i = z_i\, a_i = \slot{lam} \qquad (4)`,
    String.raw`\eta_i = \mathrm{sgn}(e_i) \odot \max(|e_i| - \lambda_i, 0) \qquad (3)`,
    String.raw`\slot{zeroed}\ \text{of the}\ \slot{k}\ \text{coordinates of}\ \eta_i\ \text{are}\ 0`,
  ],
  excitation: [
    String.raw`z'_i = \frac{1}{k}\sum_{t=1}^{k} e_{i,t} = \slot{zm} \qquad (5)`,
    String.raw`a'_i = \sigma_2\big(W_2\,\mathrm{ReLU}(W_1\, z')\big)_i = \slot{aw} \qquad (6)`,
    String.raw`m_i = a'_i\, e_i \qquad (7)`,
  ],
  stream: [
    String.raw`v_i = \eta_i + m_i \qquad (8)`,
    String.raw`v_{i,1..3} = (\slot{v1},\ \slot{v2},\ \slot{v3},\ \dots)`,
  ],
  linear: [
    String.raw`L = w_0 + \sum_{i=1}^{f} x_i w_i = \slot{w0} + \slot{lsum} = \slot{lin} \qquad (11)`,
  ],
  fm: [
    String.raw`FM = \sum_{m=1}^{M} \Big[\big(\sum_{n \in m} e_n\big) \odot \big(\sum_{n \in m} e_n\big) - \sum_{n \in m} e_n \odot e_n\Big]\, r[m][m] \qquad (12)`,
    String.raw`r[1][1] = \slot{r11},\quad r[2][2] = \slot{r22},\quad \textstyle\sum_t FM_t = \slot{fm}`,
  ],
  mf: [
    String.raw`MF = \sum_{i=1}^{M}\sum_{j=i+1}^{M} \big(e_{(i)} \odot e_{(j)}\big)\, r[i][j] \qquad (13)`,
    String.raw`r[1][2] = \slot{r12},\quad \textstyle\sum_t MF_t = \slot{mf}`,
  ],
  fwbi: [
    String.raw`h = MF + FM \qquad (14)`,
    String.raw`M = 1:\ h = FM \quad (15) \qquad M = f:\ h = \text{FwFM} \quad (16)`,
    String.raw`w_{h_o}^{\top} h_o = \slot{tfo},\qquad w_{h_s}^{\top} h_s = \slot{tfs}`,
  ],
  mlp: [
    String.raw`E^{(l+1)} = \sigma\big(W^{(l)} E^{(l)} + b^{(l)}\big) \qquad (17)`,
    String.raw`w_{o}^{\top}\,\mathrm{MLP}_o = \slot{tmo},\qquad w_{s}^{\top}\,\mathrm{MLP}_s = \slot{tms}`,
  ],
  fusion: [
    String.raw`\hat{y} = \sigma\Big(L + \sum_{p} w_p^{\top} h_p\Big) \qquad (18)`,
    String.raw`= \sigma(\slot{lin} + \slot{terms}) = \sigma(\slot{logit}) = \slot{p}`,
  ],
  loss: [
    String.raw`\ell(y, \hat{y}) = -\big[\,y \log \hat{y} + (1 - y) \log(1 - \hat{y})\,\big]`,
    String.raw`y = 1:\ \ell = \slot{l1},\qquad y = 0:\ \ell = \slot{l0}`,
  ],
  metrics: [
    String.raw`AUC = \frac{\sum_{i \in \text{positive}} \mathrm{rank}_i - \frac{M(M+1)}{2}}{M \times N} \qquad (19)`,
    String.raw`LogLoss = -\frac{1}{n}\sum_{i=1}^{n} \big(y_i \log \hat{y}_i + (1 - y_i)\log(1 - \hat{y}_i)\big) \qquad (20)`,
    String.raw`\text{validation, epoch}\ \slot{epoch}:\quad AUC = \slot{auc},\quad LogLoss = \slot{ll}`,
  ],
  importance: [
    String.raw`a'_i \in [\,\slot{awmin},\ \slot{awmax}\,]\ \text{over the}\ \slot{f}\ \text{fields},\qquad \sigma(0) = 0.5`,
  ],
};
