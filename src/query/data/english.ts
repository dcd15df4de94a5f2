// Short English questions → the Chinese words the intent rules already know. Longest phrase first
// wins; matching is case-insensitive and on word boundaries.
export const ENGLISH: [string, string][] = [
  ['three public expenses', '三公经费'], ['three public expenditures', '三公经费'], ['three public', '三公经费'],
  ['total budget', '支出总计'], ['total expenditure', '支出总计'], ['total spending', '支出总计'], ['total income', '收入总计'], ['total revenue', '收入总计'],
  ['basic expenditure', '基本支出'], ['project expenditure', '项目支出'], ['projects', '项目'],
  ['personnel expenses', '人员经费'], ['personnel', '人员经费'], ['public expenses', '公用经费'],
  ['meeting expenses', '会议费'], ['meeting fees', '会议费'], ['meetings', '会议费'],
  ['training expenses', '培训费'], ['training fees', '培训费'], ['training', '培训费'],
  ['office expenses', '办公费'], ['reception', '公务接待费'], ['vehicles', '公务用车'], ['overseas travel', '因公出国（境）费'],
  ['procurement', '政府采购'], ['assets', '资产'], ['performance', '绩效'], ['income', '收入'], ['expenditure', '支出'], ['spending', '支出'], ['budget', '预算'],
  ['which department', '哪个部门'], ['the most', '最多'], ['most', '最多'], ['highest', '最高'], ['least', '最少'], ['lowest', '最低'],
  ['compare', '比较'], ['versus', '对比'], ['vs', '对比'], ['and', '和'],
  ['change', '变化'], ['trend', '趋势'], ['share of', '占比例'], ['share', '占比例'],
  ['this year', '今年'], ['last year', '去年'],
  ['county', '县'], ['city', '市'], ['district', '区'], ['province', '省'], ['medical insurance bureau', '医疗保障局'], ['healthcare security bureau', '医疗保障局'],
  ['procuratorate', '人民检察院'], ['people\'s congress', '人大常委会办公厅'],
  ['what is', ''], ['how much', ''], ['show me', ''], ['the', ''], ['of', ''], ['in', ''], ['for', ''], ['is', ''], ['what', ''], ['has', ''], ['have', ''], ['does', ''], ['spent on', ''], ['on', ''], ['s', ''],
];
